/**
 * The parts of `midtrans-client` (1.4, plain CommonJS, no types of its own) that Etalase uses. Import the package
 * with a default import (`import midtransClient from "midtrans-client"`): Node cannot see named exports in it.
 * Answers are typed `unknown` on purpose: they come over the network, so the adapter parses them.
 */
declare module "midtrans-client" {
  namespace midtransClient {
    interface ClientOptions {
      isProduction: boolean;
      serverKey: string;
      clientKey: string;
    }

    /** The body of `POST {snap}/transactions`, as far as Etalase fills it. */
    interface SnapTransactionParameter {
      transaction_details: { order_id: string; gross_amount: number };
      item_details?: { id: string; price: number; quantity: number; name: string }[];
      customer_details?: { first_name?: string; last_name?: string; email?: string; phone?: string };
      /** `start_time` is `yyyy-MM-dd HH:mm:ss Z` (e.g. `2026-11-23 14:05:00 +0700`). */
      expiry?: { start_time?: string; unit: "second" | "minute" | "hour" | "day"; duration: number };
      callbacks?: { finish?: string };
      custom_field1?: string;
      custom_field2?: string;
      custom_field3?: string;
    }

    class Transaction {
      /** `GET {core}/v2/{id}/status`, where `id` is an order id or a transaction id. */
      status(id: string): Promise<unknown>;
      /** The status of the notification's `transaction_id` (it re-fetches; the body's status is not used). */
      notification(notification: object | string): Promise<unknown>;
      /** `POST {core}/v2/{id}/refund` with `{ refund_key, amount, reason }`. */
      refund(id: string, parameter: { refund_key?: string; amount?: number; reason?: string }): Promise<unknown>;
    }

    class Snap {
      constructor(options?: Partial<ClientOptions>);
      readonly transaction: Transaction;
      createTransaction(parameter: SnapTransactionParameter): Promise<unknown>;
    }

    /** The body of `POST {core}/v2/charge` for a QRIS payment (the outlet counter). */
    interface CoreQrisChargeParameter {
      payment_type: "qris";
      transaction_details: { order_id: string; gross_amount: number };
      item_details?: { id: string; price: number; quantity: number; name: string }[];
      custom_expiry?: { order_time?: string; expiry_duration: number; unit: "second" | "minute" | "hour" | "day" };
      qris?: { acquirer?: string };
    }

    class CoreApi {
      constructor(options?: Partial<ClientOptions>);
      readonly transaction: Transaction;
      /** `POST {core}/v2/charge`. */
      charge(parameter: CoreQrisChargeParameter): Promise<unknown>;
    }

    /** What the SDK rejects with when Midtrans answers an error or cannot be reached. */
    class MidtransError extends Error {
      /** The HTTP status, or the body's `status_code` (a string) when Midtrans answered 200 with an error in it. */
      httpStatusCode: number | string | null;
      ApiResponse: unknown;
      /** The HTTP client's response or error: it holds the request's credentials, so never log it. */
      rawHttpClientData: unknown;
    }
  }

  export = midtransClient;
}

/** The SDK's base URLs are static fields of this class, shared by every Snap and CoreApi instance. */
declare module "midtrans-client/lib/apiConfig.js" {
  class ApiConfig {
    static CORE_SANDBOX_BASE_URL: string;
    static CORE_PRODUCTION_BASE_URL: string;
    /** Includes the API's path: `https://app.sandbox.midtrans.com/snap/v1`. */
    static SNAP_SANDBOX_BASE_URL: string;
    static SNAP_PRODUCTION_BASE_URL: string;
  }

  export = ApiConfig;
}
