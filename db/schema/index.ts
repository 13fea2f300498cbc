export * from "./tenancy";
export * from "./media";
export * from "./membership";
export * from "./catalog";
