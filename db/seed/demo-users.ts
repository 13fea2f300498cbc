/** Sign-ins the demo cooperative comes with: one for each kind of person. Printed by `npm start`. */
export const DEMO_PASSWORD = "etalase-demo";

export type DemoUser =
  | { email: string; name: string; kind: "staff"; roles: ("manager" | "curator" | "fulfilment" | "treasurer")[] }
  | { email: string; name: string; kind: "member"; memberIndex: number }
  | { email: string; name: string; kind: "operator" }
  | { email: string; name: string; kind: "customer" };

export const demoUsers: DemoUser[] = [
  { email: "pengurus@kopwan-binor.example", name: "Ibu Hartini (Ketua)", kind: "staff", roles: ["manager"] },
  { email: "kurator@kopwan-binor.example", name: "Ibu Yuyun (Kurator)", kind: "staff", roles: ["curator"] },
  { email: "gudang@kopwan-binor.example", name: "Mbak Rina (Gudang)", kind: "staff", roles: ["fulfilment"] },
  { email: "bendahara@kopwan-binor.example", name: "Ibu Sumiati (Bendahara)", kind: "staff", roles: ["treasurer"] },
  { email: "anggota1@kopwan-binor.example", name: "Anggota pertama", kind: "member", memberIndex: 0 },
  { email: "anggota2@kopwan-binor.example", name: "Anggota kedua", kind: "member", memberIndex: 1 },
  { email: "operator@etalase.example", name: "Operator Dinas Koperasi", kind: "operator" },
  { email: "pembeli@example.com", name: "Wisatawan Demo", kind: "customer" },
];
