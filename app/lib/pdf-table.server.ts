import PDFDocument from "pdfkit";

/** A PDF being written, and the bytes once `doc.end()` is called. */
export function pdfDocument(options: PDFKit.PDFDocumentOptions): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  return { doc, done };
}

export interface PdfColumn {
  label: string;
  width: number;
  align: "left" | "right";
}

/**
 * One row of a table in 9 pt from `left`, each cell wrapped in its column; the row is as tall as its tallest cell,
 * and a row that would run into the bottom margin starts a new page.
 */
export function pdfTableRow(doc: PDFKit.PDFDocument, left: number, columns: readonly PdfColumn[], cells: readonly string[], bold = false) {
  if (doc.y > doc.page.height - 80) doc.addPage();
  const y = doc.y;
  let x = left;
  let bottom = y;
  doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(9);
  cells.forEach((cell, index) => {
    const column = columns[index]!;
    doc.text(cell, x, y, { width: column.width - 6, align: column.align });
    bottom = Math.max(bottom, doc.y);
    x += column.width;
  });
  doc.y = bottom + 3;
}
