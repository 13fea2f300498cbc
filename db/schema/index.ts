export * from "./tenancy";
export * from "./media";
export * from "./membership";
export * from "./catalog";
export * from "./identity";
export * from "./notifications";
export * from "./audit";
export * from "./inbox";
