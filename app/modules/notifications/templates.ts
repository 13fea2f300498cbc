/**
 * The e-mails the shop sends, in Indonesian (the default) and English. Pure: no I/O, so the outbox can render a
 * message inside the transaction that causes it, and tests can read the words without a database.
 */

export type EmailLocale = "id" | "en";

/** The data each template needs; `renderEmail` and `enqueueEmail` check it per template. */
export interface EmailTemplateData {
  password_reset: { name: string; link: string; minutes: number };
  /** `memberNumber` is empty when the account is not a member business (e.g. a new cooperative's manager). */
  invite: { name: string; cooperativeName: string; link: string; memberNumber: string };
  helper_invite: { businessName: string; cooperativeName: string; link: string };
  /** A shopper's sign-up, confirmed by following the link. */
  sign_up_confirm: { name: string; cooperativeName: string; link: string; hours: number };
  /** Someone tried to sign up with an address that has an account: tell its owner, not the form. */
  account_exists: { name: string; cooperativeName: string; signInLink: string; resetLink: string };
  /** `link`: the application's private status page (made for each e-mail as it is sent). */
  application_received: { ownerName: string; businessName: string; cooperativeName: string; link: string };
  application_rejected: { ownerName: string; businessName: string; cooperativeName: string; reason: string; link: string };
  /** `name`: the owner's, for the greeting ("" greets without it); `link`: the member's payout settings. */
  bank_account_decided: { name: string; businessName: string; cooperativeName: string; confirmed: boolean; maskedNumber: string; link: string };
  /** `notes`: the curator's checklist items that need change, with comments, already in the member's words. */
  listing_decided: {
    /** The recipient's name for the greeting ("" greets without it). `link`: that product in the member's area. */
    name: string;
    productName: string;
    cooperativeName: string;
    decision: "approved" | "changes_requested" | "rejected";
    comment: string;
    notes: string[];
    link: string;
  };
  /** `link`: the order's private page (made for each e-mail as it is sent). `payBy`: already formatted. */
  order_received: { name: string; cooperativeName: string; orderNumber: string; total: string; manualTransfer: boolean; payBy: string; link: string };
  /** `accountLink`: the order in the shopper's account when they have one (not a secret: it needs signing in), else "". */
  payment_received: { name: string; cooperativeName: string; orderNumber: string; total: string; link: string; accountLink: string };
  /** `courier` and `trackingNumber` empty for local delivery. */
  order_shipped: { name: string; cooperativeName: string; orderNumber: string; courier: string; trackingNumber: string; link: string; accountLink: string };
  order_delivered: { name: string; cooperativeName: string; orderNumber: string; pickedUp: boolean; returnDays: number; link: string };
  order_refunded: { name: string; cooperativeName: string; orderNumber: string; amount: string; link: string };
  /** To treasurers: a shopper sent a receipt. `link` is the staff page, not a secret. */
  transfer_proof_received: { name: string; cooperativeName: string; orderNumber: string; total: string; senderName: string; link: string };
  /** A receipt from the outlet counter, asked for by the buyer: no link, the lines already formatted. */
  outlet_receipt: { cooperativeName: string; orderNumber: string; soldAt: string; lines: string[]; total: string; paidWith: string };
  /** To the cooperative's contact address: a shopper asked for a return. `link` is the staff order page, not a secret. */
  return_requested: { cooperativeName: string; orderNumber: string; lines: string[]; reason: string; link: string };
  /** To the shopper: their return request arrived. `link`: the order's private page. */
  return_received: { name: string; cooperativeName: string; orderNumber: string; lines: string[]; link: string };
  /** To the shopper: staff accepted (a refund follows) or declined (with `note`). */
  return_decided: { name: string; cooperativeName: string; orderNumber: string; accepted: boolean; note: string; link: string };
}

export interface EmailTemplateData {
  /** A payout of a settlement run was sent (paid) or came back (failed): decision 34. */
  payout_decided: { name: string; businessName: string; cooperativeName: string; amount: string; paid: boolean; account: string; reference: string; reason: string; link: string };
}

export type EmailTemplate = keyof EmailTemplateData;
export type EmailData<T extends EmailTemplate> = EmailTemplateData[T];

export const emailTemplates = [
  "password_reset",
  "invite",
  "helper_invite",
  "sign_up_confirm",
  "account_exists",
  "application_received",
  "application_rejected",
  "bank_account_decided",
  "listing_decided",
  "order_received",
  "payment_received",
  "transfer_proof_received",
  "outlet_receipt",
  "order_shipped",
  "order_delivered",
  "order_refunded",
  "payout_decided",
  "return_requested",
  "return_received",
  "return_decided",
] as const satisfies readonly EmailTemplate[];

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** What a message says, before it is laid out as text and as HTML. Every string is plain text. */
interface Content {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; link: string };
  /** Paragraphs after the button. */
  after?: string[];
  signature: string;
}

type Renderer<T extends EmailTemplate> = (data: EmailData<T>, locale: EmailLocale) => Content;

const signOff = { id: "Salam hangat,", en: "Warm regards," } as const;

/** "Halo Yuyun Wahyuni," or, without a name, "Halo,". */
function hello(locale: EmailLocale, name: string): string {
  const greeting = locale === "en" ? "Hello" : "Halo";
  return name.trim() ? `${greeting} ${name.trim()},` : `${greeting},`;
}

/** A shopper with an account also finds the order there (after signing in: the address is no secret). */
function inYourAccount(accountLink: string, locale: EmailLocale): string[] {
  if (!accountLink) return [];
  return [locale === "en" ? `You can also find this order in your account: ${accountLink}` : `Pesanan ini juga ada di akun Anda: ${accountLink}`];
}

const renderers: { [T in EmailTemplate]: Renderer<T> } = {
  return_requested: ({ cooperativeName, orderNumber, lines, reason, link }, locale) =>
    locale === "en"
      ? {
          subject: `Return requested for ${orderNumber}`,
          greeting: "Hello,",
          paragraphs: [`The shopper of order ${orderNumber} asks to return:`, ...lines, `Reason: ${reason}`, "Open the order to see the photo, then accept or decline the request."],
          action: { label: "Open the order", link },
          signature: cooperativeName,
        }
      : {
          subject: `Permintaan pengembalian ${orderNumber}`,
          greeting: "Halo,",
          paragraphs: [`Pembeli pesanan ${orderNumber} ingin mengembalikan:`, ...lines, `Alasan: ${reason}`, "Buka pesanan untuk melihat fotonya, lalu terima atau tolak permintaannya."],
          action: { label: "Buka pesanan", link },
          signature: cooperativeName,
        },
  return_received: ({ name, cooperativeName, orderNumber, lines, link }, locale) =>
    locale === "en"
      ? {
          subject: `We received your return request for ${orderNumber}`,
          greeting: hello(locale, name),
          paragraphs: [`Your request to return these items of order ${orderNumber} has reached the cooperative:`, ...lines, "We will e-mail you when the staff have decided."],
          action: { label: "Open your order", link },
          signature: cooperativeName,
        }
      : {
          subject: `Permintaan pengembalian ${orderNumber} kami terima`,
          greeting: hello(locale, name),
          paragraphs: [`Permintaan Anda untuk mengembalikan barang pesanan ${orderNumber} ini sudah sampai di koperasi:`, ...lines, "Kami akan mengabari Anda lewat e-mail setelah pengurus memutuskan."],
          action: { label: "Buka pesanan", link },
          signature: cooperativeName,
        },
  return_decided: ({ name, cooperativeName, orderNumber, accepted, note, link }, locale) =>
    locale === "en"
      ? {
          subject: accepted ? `Return accepted for ${orderNumber}` : `Return declined for ${orderNumber}`,
          greeting: hello(locale, name),
          paragraphs: [
            accepted
              ? `The cooperative has accepted your return request for order ${orderNumber}. The refund follows; we will e-mail you when the money is on its way.`
              : `The cooperative has declined your return request for order ${orderNumber}.`,
            ...(note ? [`Staff's note: ${note}`] : []),
          ],
          action: { label: "Open your order", link },
          signature: cooperativeName,
        }
      : {
          subject: accepted ? `Pengembalian ${orderNumber} diterima` : `Pengembalian ${orderNumber} ditolak`,
          greeting: hello(locale, name),
          paragraphs: [
            accepted
              ? `Koperasi menerima permintaan pengembalian untuk pesanan ${orderNumber}. Pengembalian dana menyusul; kami kabari lewat e-mail saat dana dikirim.`
              : `Koperasi menolak permintaan pengembalian untuk pesanan ${orderNumber}.`,
            ...(note ? [`Catatan pengurus: ${note}`] : []),
          ],
          action: { label: "Buka pesanan", link },
          signature: cooperativeName,
        },
  password_reset: ({ name, link, minutes }, locale) =>
    locale === "en"
      ? {
          subject: "Reset your password",
          greeting: `Hello ${name},`,
          paragraphs: ["We received a request to reset the password of your account. Use the button below to choose a new one."],
          action: { label: "Choose a new password", link },
          after: [
            `This link works for ${minutes} ${minutes === 1 ? "minute" : "minutes"} and only once.`,
            "If you did not ask for this, you can simply ignore this e-mail: your password stays the same.",
          ],
          signature: "Etalase",
        }
      : {
          subject: "Atur ulang kata sandi Anda",
          greeting: `Halo ${name},`,
          paragraphs: ["Kami menerima permintaan untuk mengatur ulang kata sandi akun Anda. Silakan buat kata sandi baru lewat tombol di bawah ini."],
          action: { label: "Buat kata sandi baru", link },
          after: [
            `Tautan ini berlaku ${minutes} menit dan hanya bisa dipakai sekali.`,
            "Jika Anda tidak merasa meminta ini, abaikan saja e-mail ini: kata sandi Anda tidak berubah.",
          ],
          signature: "Etalase",
        },

  invite: ({ name, cooperativeName, link, memberNumber }, locale) => {
    const member = memberNumber.trim() !== "";
    if (locale === "en") {
      return {
        subject: member ? `Welcome to ${cooperativeName}` : `Your account at ${cooperativeName}`,
        greeting: `Hello ${name},`,
        paragraphs: member
          ? [
              `Good news: your application to join ${cooperativeName} has been approved. Welcome!`,
              `Your member number is ${memberNumber}.`,
              "To get started, accept the invitation so you can sign in and look after your products:",
            ]
          : [`You have been invited to manage the shop of ${cooperativeName}. Accept the invitation to start:`],
        action: { label: "Accept the invitation", link },
        after: [
          "If you are new here you will choose a password; if you already have an account, you sign in with it.",
          "The link works only once, for 7 days. If it has expired, ask the cooperative's staff for a new one.",
        ],
        signature: cooperativeName,
      };
    }
    return {
      subject: member ? `Selamat bergabung di ${cooperativeName}` : `Akun Anda di ${cooperativeName}`,
      greeting: `Halo ${name},`,
      paragraphs: member
        ? [
            `Kabar gembira: pendaftaran Anda sebagai anggota ${cooperativeName} telah disetujui. Selamat bergabung!`,
            `Nomor anggota Anda: ${memberNumber}.`,
            "Untuk mulai, terima undangan ini agar Anda bisa masuk dan mengurus produk Anda:",
          ]
        : [`Anda diundang menjadi pengurus toko ${cooperativeName}. Terima undangan ini untuk mulai:`],
      action: { label: "Terima undangan", link },
      after: [
        "Jika Anda baru di sini, Anda akan membuat kata sandi; jika sudah punya akun, Anda cukup masuk dengannya.",
        "Tautan ini hanya bisa dipakai sekali, selama 7 hari. Jika sudah kedaluwarsa, mintalah tautan baru kepada pengurus koperasi.",
      ],
      signature: cooperativeName,
    };
  },

  helper_invite: ({ businessName, cooperativeName, link }, locale) =>
    locale === "en"
      ? {
          subject: `You have been invited to help run ${businessName}`,
          greeting: "Hello,",
          paragraphs: [
            `You have been invited to help run ${businessName}, a member business of ${cooperativeName}. As a helper you can look after its products and stock.`,
            "Accept the invitation to start (you choose a password there, or sign in if you already have an account):",
          ],
          action: { label: "Accept the invitation", link },
          after: ["If you do not know this business, you can ignore this e-mail."],
          signature: cooperativeName,
        }
      : {
          subject: `Anda diundang membantu ${businessName}`,
          greeting: "Halo,",
          paragraphs: [
            `Anda diundang menjadi pembantu di ${businessName}, usaha anggota ${cooperativeName}. Anda bisa ikut mengurus produk dan stoknya.`,
            "Terima undangan ini untuk mulai (buat kata sandi di sana, atau masuk jika sudah punya akun):",
          ],
          action: { label: "Terima undangan", link },
          after: ["Jika Anda tidak mengenal usaha ini, abaikan saja e-mail ini."],
          signature: cooperativeName,
        },

  sign_up_confirm: ({ name, cooperativeName, link, hours }, locale) =>
    locale === "en"
      ? {
          subject: `Confirm your account at ${cooperativeName}`,
          greeting: `Hello ${name},`,
          paragraphs: [`Thank you for signing up at ${cooperativeName}. Confirm your e-mail address to create your account:`],
          action: { label: "Confirm and create my account", link },
          after: [`This link works for ${hours} hours and only once.`, "If you did not sign up, ignore this e-mail: no account is created."],
          signature: cooperativeName,
        }
      : {
          subject: `Konfirmasi akun Anda di ${cooperativeName}`,
          greeting: `Halo ${name},`,
          paragraphs: [`Terima kasih telah mendaftar di ${cooperativeName}. Konfirmasi alamat e-mail Anda untuk membuat akun:`],
          action: { label: "Konfirmasi dan buat akun", link },
          after: [`Tautan ini berlaku ${hours} jam dan hanya bisa dipakai sekali.`, "Jika Anda tidak mendaftar, abaikan saja e-mail ini: tidak ada akun yang dibuat."],
          signature: cooperativeName,
        },

  account_exists: ({ name, cooperativeName, signInLink, resetLink }, locale) =>
    locale === "en"
      ? {
          subject: `You already have an account at ${cooperativeName}`,
          greeting: `Hello ${name},`,
          paragraphs: ["Someone, perhaps you, tried to create an account with this e-mail address. You already have one, so nothing was changed."],
          action: { label: "Sign in", link: signInLink },
          after: [`Forgot your password? Choose a new one here: ${resetLink}`, "If this was not you, you can ignore this e-mail."],
          signature: cooperativeName,
        }
      : {
          subject: `Anda sudah punya akun di ${cooperativeName}`,
          greeting: `Halo ${name},`,
          paragraphs: ["Seseorang, mungkin Anda, mencoba membuat akun dengan alamat e-mail ini. Anda sudah punya akun, jadi tidak ada yang diubah."],
          action: { label: "Masuk", link: signInLink },
          after: [`Lupa kata sandi? Buat yang baru di sini: ${resetLink}`, "Jika ini bukan Anda, abaikan saja e-mail ini."],
          signature: cooperativeName,
        },

  order_received: ({ name, cooperativeName, orderNumber, total, manualTransfer, payBy, link }, locale) =>
    locale === "en"
      ? {
          subject: `Your order ${orderNumber} at ${cooperativeName}`,
          greeting: `Hello ${name},`,
          paragraphs: [
            `Thank you for your order ${orderNumber}. The total is ${total}.`,
            manualTransfer
              ? `Please transfer exactly ${total} by ${payBy}, with ${orderNumber} in the transfer note, and upload the proof on your order page. Unpaid orders are cancelled after that time.`
              : `If you have not paid yet, you can pay from your order page until ${payBy}.`,
          ],
          action: { label: "See your order", link },
          after: ["Keep this e-mail: the button opens your order without an account."],
          signature: cooperativeName,
        }
      : {
          subject: `Pesanan ${orderNumber} di ${cooperativeName}`,
          greeting: `Halo ${name},`,
          paragraphs: [
            `Terima kasih atas pesanan ${orderNumber}. Totalnya ${total}.`,
            manualTransfer
              ? `Silakan transfer tepat ${total} sebelum ${payBy}, tulis ${orderNumber} di berita transfer, lalu unggah bukti transfer di halaman pesanan. Pesanan yang belum dibayar dibatalkan setelah waktu itu.`
              : `Jika belum membayar, Anda dapat membayar dari halaman pesanan sampai ${payBy}.`,
          ],
          action: { label: "Lihat pesanan", link },
          after: ["Simpan e-mail ini: tombolnya membuka pesanan Anda tanpa akun."],
          signature: cooperativeName,
        },
  payment_received: ({ name, cooperativeName, orderNumber, total, link, accountLink }, locale) =>
    locale === "en"
      ? {
          subject: `Payment received for ${orderNumber}`,
          greeting: `Hello ${name},`,
          paragraphs: [`We have received your payment of ${total} for order ${orderNumber}. The producers are preparing it now.`],
          action: { label: "Follow your order", link },
          after: inYourAccount(accountLink, locale),
          signature: cooperativeName,
        }
      : {
          subject: `Pembayaran ${orderNumber} diterima`,
          greeting: `Halo ${name},`,
          paragraphs: [`Pembayaran ${total} untuk pesanan ${orderNumber} sudah kami terima. Para produsen sedang menyiapkannya.`],
          action: { label: "Ikuti pesanan", link },
          after: inYourAccount(accountLink, locale),
          signature: cooperativeName,
        },
  order_shipped: ({ name, cooperativeName, orderNumber, courier, trackingNumber, link, accountLink }, locale) =>
    locale === "en"
      ? {
          subject: `Order ${orderNumber} is on its way`,
          greeting: `Hello ${name},`,
          paragraphs: [
            `Your order ${orderNumber} has left the cooperative.`,
            ...(trackingNumber ? [`Courier: ${courier}. Tracking number: ${trackingNumber}.`] : []),
          ],
          action: { label: "Follow your order", link },
          after: inYourAccount(accountLink, locale),
          signature: cooperativeName,
        }
      : {
          subject: `Pesanan ${orderNumber} sedang dikirim`,
          greeting: `Halo ${name},`,
          paragraphs: [`Pesanan ${orderNumber} sudah berangkat dari koperasi.`, ...(trackingNumber ? [`Kurir: ${courier}. Nomor resi: ${trackingNumber}.`] : [])],
          action: { label: "Ikuti pesanan", link },
          after: inYourAccount(accountLink, locale),
          signature: cooperativeName,
        },
  order_delivered: ({ name, cooperativeName, orderNumber, pickedUp, returnDays, link }, locale) =>
    locale === "en"
      ? {
          subject: pickedUp ? `Order ${orderNumber} picked up` : `Order ${orderNumber} delivered`,
          greeting: `Hello ${name},`,
          paragraphs: [
            pickedUp ? `Thank you for picking up order ${orderNumber}.` : `Order ${orderNumber} has been delivered.`,
            ...(returnDays > 0 ? [`Something wrong with it? You can ask for a return from the order page within ${returnDays} days.`] : []),
          ],
          action: { label: "Open your order", link },
          signature: cooperativeName,
        }
      : {
          subject: pickedUp ? `Pesanan ${orderNumber} sudah diambil` : `Pesanan ${orderNumber} sudah sampai`,
          greeting: `Halo ${name},`,
          paragraphs: [
            pickedUp ? `Terima kasih sudah mengambil pesanan ${orderNumber}.` : `Pesanan ${orderNumber} sudah diterima.`,
            ...(returnDays > 0 ? [`Ada yang tidak sesuai? Ajukan pengembalian dari halaman pesanan dalam ${returnDays} hari.`] : []),
          ],
          action: { label: "Buka pesanan", link },
          signature: cooperativeName,
        },
  order_refunded: ({ name, cooperativeName, orderNumber, amount, link }, locale) =>
    locale === "en"
      ? {
          subject: `Refund for ${orderNumber}`,
          greeting: `Hello ${name},`,
          paragraphs: [`We have refunded ${amount} for order ${orderNumber}. Depending on how you paid, it may take a few days to show.`],
          action: { label: "Open your order", link },
          signature: cooperativeName,
        }
      : {
          subject: `Pengembalian dana ${orderNumber}`,
          greeting: `Halo ${name},`,
          paragraphs: [`Kami sudah mengembalikan ${amount} untuk pesanan ${orderNumber}. Tergantung cara bayar, dana bisa baru terlihat beberapa hari lagi.`],
          action: { label: "Buka pesanan", link },
          signature: cooperativeName,
        },
  transfer_proof_received: ({ name, cooperativeName, orderNumber, total, senderName, link }, locale) =>
    locale === "en"
      ? {
          subject: `Transfer receipt for ${orderNumber}`,
          greeting: `Hello ${name},`,
          paragraphs: [`${senderName} sent a receipt for ${total} for order ${orderNumber}. Check the bank statement, then confirm or reject it.`],
          action: { label: "Check the receipt", link },
          signature: cooperativeName,
        }
      : {
          subject: `Bukti transfer ${orderNumber}`,
          greeting: `Halo ${name},`,
          paragraphs: [`${senderName} mengirim bukti transfer ${total} untuk pesanan ${orderNumber}. Periksa mutasi rekening, lalu konfirmasi atau tolak.`],
          action: { label: "Periksa bukti transfer", link },
          signature: cooperativeName,
        },
  application_received: ({ ownerName, businessName, cooperativeName, link }, locale) =>
    locale === "en"
      ? {
          subject: `We have received the application for ${businessName}`,
          greeting: `Hello ${ownerName},`,
          paragraphs: [
            `Thank you for applying to join ${cooperativeName} with ${businessName}. Your application has arrived and the cooperative's staff will review it soon.`,
            "We will e-mail you as soon as there is a decision. Meanwhile you can see where your application stands:",
          ],
          action: { label: "See my application", link },
          after: ["Keep this e-mail: the link is yours alone."],
          signature: cooperativeName,
        }
      : {
          subject: `Pendaftaran ${businessName} sudah kami terima`,
          greeting: `Halo ${ownerName},`,
          paragraphs: [
            `Terima kasih telah mendaftarkan ${businessName} sebagai anggota ${cooperativeName}. Pendaftaran Anda sudah kami terima dan akan segera ditinjau oleh pengurus koperasi.`,
            "Kami akan mengabari Anda lewat e-mail begitu ada keputusan. Sementara itu, Anda bisa melihat status pendaftaran Anda:",
          ],
          action: { label: "Lihat pendaftaran saya", link },
          after: ["Simpan e-mail ini: tautannya hanya untuk Anda."],
          signature: cooperativeName,
        },

  application_rejected: ({ ownerName, businessName, cooperativeName, reason, link }, locale) =>
    locale === "en"
      ? {
          subject: `About the application for ${businessName}`,
          greeting: `Hello ${ownerName},`,
          paragraphs: [
            `Thank you for your interest in joining ${cooperativeName}. After reviewing the application for ${businessName}, the staff cannot approve it at this time.`,
            `Their reason: ${reason}`,
            "You are welcome to apply again once this has been addressed. If you have questions, please get in touch with the cooperative.",
          ],
          action: { label: "See my application", link },
          signature: cooperativeName,
        }
      : {
          subject: `Kabar tentang pendaftaran ${businessName}`,
          greeting: `Halo ${ownerName},`,
          paragraphs: [
            `Terima kasih atas minat Anda bergabung dengan ${cooperativeName}. Setelah meninjau pendaftaran ${businessName}, pengurus belum dapat menyetujuinya saat ini.`,
            `Alasannya: ${reason}`,
            "Anda dipersilakan mendaftar lagi setelah hal tersebut dibenahi. Jika ada pertanyaan, silakan hubungi pengurus koperasi.",
          ],
          action: { label: "Lihat pendaftaran saya", link },
          signature: cooperativeName,
        },

  bank_account_decided: ({ name, businessName, cooperativeName, confirmed, maskedNumber, link }, locale) => {
    if (locale === "en") {
      return confirmed
        ? {
            subject: `The bank account of ${businessName} is confirmed`,
            greeting: hello("en", name),
            paragraphs: [
              `The staff of ${cooperativeName} have confirmed the bank account ${maskedNumber} for ${businessName}.`,
              "Your payouts will go to this account from now on.",
            ],
            action: { label: "See my payout account", link },
            signature: cooperativeName,
          }
        : {
            subject: `The bank account of ${businessName} could not be confirmed`,
            greeting: hello("en", name),
            paragraphs: [
              `The staff of ${cooperativeName} could not confirm the bank account ${maskedNumber} for ${businessName}.`,
              "Please check the account holder's name and the account number, then submit the account again. Until then, payouts keep going to the account confirmed before, if there is one.",
            ],
            action: { label: "Submit the account again", link },
            signature: cooperativeName,
          };
    }
    return confirmed
      ? {
          subject: `Rekening ${businessName} sudah dikonfirmasi`,
          greeting: hello("id", name),
          paragraphs: [
            `Pengurus ${cooperativeName} telah mengonfirmasi rekening ${maskedNumber} untuk ${businessName}.`,
            "Mulai sekarang, pencairan hasil penjualan Anda dikirim ke rekening ini.",
          ],
          action: { label: "Lihat rekening pencairan", link },
          signature: cooperativeName,
        }
      : {
          subject: `Rekening ${businessName} belum dapat dikonfirmasi`,
          greeting: hello("id", name),
          paragraphs: [
            `Pengurus ${cooperativeName} belum dapat mengonfirmasi rekening ${maskedNumber} untuk ${businessName}.`,
            "Silakan periksa kembali nama pemilik dan nomor rekening, lalu ajukan lagi. Sampai saat itu, pencairan tetap ke rekening yang sudah dikonfirmasi sebelumnya, jika ada.",
          ],
          action: { label: "Ajukan lagi", link },
          signature: cooperativeName,
        };
  },

  listing_decided: ({ name, productName, cooperativeName, decision, comment, notes, link }, locale) => {
    const en = locale === "en";
    const subject = {
      approved: en ? `${productName} is now in the shop` : `${productName} sudah tayang di toko`,
      changes_requested: en ? `${productName}: a few things to fix` : `${productName}: ada yang perlu diperbaiki`,
      rejected: en ? `${productName} was not accepted` : `${productName} belum dapat diterima`,
    }[decision];
    const opening = {
      approved: en
        ? `The curator of ${cooperativeName} approved ${productName}. Shoppers can see and buy it now.`
        : `Kurator ${cooperativeName} menyetujui ${productName}. Pembeli sekarang bisa melihat dan membelinya.`,
      changes_requested: en
        ? `The curator of ${cooperativeName} checked ${productName} and asks for a few changes before it goes live:`
        : `Kurator ${cooperativeName} sudah memeriksa ${productName} dan meminta beberapa perbaikan sebelum tayang:`,
      rejected: en
        ? `The curator of ${cooperativeName} could not accept ${productName} for the shop.`
        : `Kurator ${cooperativeName} belum dapat menerima ${productName} untuk dijual di toko.`,
    }[decision];
    return {
      subject,
      greeting: hello(locale, name),
      paragraphs: [opening, ...notes.map((note) => `• ${note}`), ...(comment ? [comment] : [])],
      action: {
        label:
          decision === "changes_requested"
            ? en ? `Fix ${productName}` : `Perbaiki ${productName}`
            : en ? `Open ${productName}` : `Buka ${productName}`,
        link,
      },
      signature: cooperativeName,
    };
  },
  payout_decided: ({ name, businessName, cooperativeName, amount, paid, account, reference, reason, link }, locale) => {
    const en = locale === "en";
    const because = reason ? (en ? ` Reason: ${reason}` : ` Alasan: ${reason}`) : "";
    return {
      subject: paid
        ? en ? `Payout of ${amount} sent to ${businessName}` : `Pencairan ${amount} untuk ${businessName} sudah dikirim`
        : en ? `Payout for ${businessName} did not go through` : `Pencairan untuk ${businessName} belum berhasil`,
      greeting: hello(locale, name),
      paragraphs: paid
        ? [
            en
              ? `${cooperativeName} has sent ${amount} to the account ${account} (reference ${reference}).`
              : `${cooperativeName} sudah mengirim ${amount} ke rekening ${account} (berita ${reference}).`,
            en ? "It appears in your statement as a payout." : "Pencairan ini tercatat di laporan keuangan Anda.",
          ]
        : [
            (en
              ? `The payout of ${amount} to the account ${account} (reference ${reference}) did not go through.`
              : `Pencairan ${amount} ke rekening ${account} (berita ${reference}) belum berhasil.`) + because,
            en
              ? "The money is back in your available balance and goes out with the next payout run. Please check your payout account."
              : "Uangnya kembali ke saldo yang bisa dicairkan dan ikut pencairan berikutnya. Mohon periksa rekening pencairan Anda.",
          ],
      action: { label: en ? "See my money" : "Lihat keuangan saya", link },
      signature: cooperativeName,
    };
  },
  outlet_receipt: ({ cooperativeName, orderNumber, soldAt, lines, total, paidWith }, locale) => ({
    subject: locale === "en" ? `Your receipt ${orderNumber} from ${cooperativeName}` : `Struk ${orderNumber} dari ${cooperativeName}`,
    greeting: locale === "en" ? "Hello," : "Halo,",
    paragraphs: [
      locale === "en" ? `Thank you for shopping at ${cooperativeName}. Your receipt ${orderNumber} (${soldAt}):` : `Terima kasih sudah berbelanja di ${cooperativeName}. Struk ${orderNumber} (${soldAt}):`,
      ...lines,
      `Total: ${total}`,
      paidWith,
    ],
    signature: cooperativeName,
  }),
};

/** Renders one template; `data` is checked against the template at compile time. */
export function renderEmail<T extends EmailTemplate>(template: T, data: EmailData<T>, locale: EmailLocale): RenderedEmail {
  const language: EmailLocale = locale === "en" ? "en" : "id";
  const render: Renderer<T> = renderers[template];
  const content = render(data, language);
  return {
    subject: oneLine(content.subject),
    text: renderText(content, language),
    html: renderHtml(content, language),
  };
}

export function isEmailTemplate(value: string): value is EmailTemplate {
  return (emailTemplates as readonly string[]).includes(value);
}

/** A subject is a single header line: no line breaks, no runs of spaces. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

function renderText(content: Content, locale: EmailLocale): string {
  const blocks = [content.greeting, ...content.paragraphs];
  // The link sits on a line of its own so mail programs (and the outbox page) make all of it clickable.
  if (content.action) blocks.push(`${content.action.label}:\n${content.action.link}`);
  blocks.push(...(content.after ?? []), `${signOff[locale]}\n${content.signature}`);
  return `${blocks.join("\n\n")}\n`;
}

const htmlEscapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => htmlEscapes[char]!);
}

/** Escaped, with the writer's line breaks kept (a rejection reason may have several lines). */
function htmlText(value: string): string {
  return escapeHtml(value).replace(/\r?\n/g, "<br>");
}

/** Only web links go into an href; anything else is shown as text. */
function safeHref(link: string): string | undefined {
  return /^https?:\/\//i.test(link.trim()) ? escapeHtml(link.trim()) : undefined;
}

const paragraphStyle = "margin:0 0 16px;font-size:16px;line-height:1.5;color:#1f2933";

function renderHtml(content: Content, locale: EmailLocale): string {
  const paragraph = (value: string) => `<p style="${paragraphStyle}">${htmlText(value)}</p>`;
  const parts = [paragraph(content.greeting), ...content.paragraphs.map(paragraph)];
  if (content.action) {
    const href = safeHref(content.action.link);
    parts.push(
      href
        ? `<p style="margin:24px 0"><a href="${href}" style="display:inline-block;padding:12px 20px;border-radius:8px;background:#0f766e;color:#ffffff;font-size:16px;font-weight:bold;text-decoration:none">${escapeHtml(content.action.label)}</a></p>` +
            `<p style="margin:0 0 16px;font-size:13px;line-height:1.5;color:#52606d">${escapeHtml(locale === "en" ? "If the button does not work, copy this address into your browser:" : "Jika tombol tidak berfungsi, salin alamat ini ke peramban Anda:")}<br><a href="${href}" style="color:#0f766e;word-break:break-all">${escapeHtml(content.action.link)}</a></p>`
        : paragraph(`${content.action.label}: ${content.action.link}`),
    );
  }
  parts.push(...(content.after ?? []).map(paragraph));
  parts.push(`<p style="${paragraphStyle}">${escapeHtml(signOff[locale])}<br>${htmlText(content.signature)}</p>`);
  return [
    "<!doctype html>",
    `<html lang="${locale}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(oneLine(content.subject))}</title></head>`,
    '<body style="margin:0;padding:0;background:#f7f3ec">',
    '<div style="max-width:560px;margin:0 auto;padding:24px 16px;font-family:Arial,Helvetica,sans-serif">',
    '<div style="background:#ffffff;border-radius:12px;padding:24px">',
    ...parts,
    "</div>",
    "</div>",
    "</body>",
    "</html>",
  ].join("\n");
}
