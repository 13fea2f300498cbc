import type express from "express";
import { readLocalMailbox } from "~/modules/notifications/local-mailbox.server";
import { escapeHtml } from "~/modules/notifications/templates";

const loopback = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * The local demo's mailbox as a page, for whoever runs the shop on this machine: answered only to a browser on
 * this machine (by the socket's address, never a header), and only where e-mails go to the local mailbox, which
 * is never the case with an external database.
 */
export function localMailboxPage(directory: string): express.RequestHandler {
  return (request, response, next) => {
    if (!loopback.test(request.socket.remoteAddress ?? "")) return next();
    void readLocalMailbox(directory).then((mails) => {
      const items = mails
        .map(
          (mail) =>
            `<article><h2>${escapeHtml(mail.subject)}</h2><p><small>${escapeHtml(mail.to)} · ${escapeHtml(mail.sentAt)}</small></p><pre>${escapeHtml(mail.text).replace(
              /(https?:\/\/[^\s<]+)/g,
              '<a href="$1">$1</a>',
            )}</pre></article>`,
        )
        .join("<hr>");
      response
        .set({ "Cache-Control": "no-store", "Content-Type": "text/html; charset=utf-8", "Referrer-Policy": "no-referrer" })
        .send(
          `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Local mailbox</title>` +
            `<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem}pre{white-space:pre-wrap}</style>` +
            `<h1>Local mailbox</h1><p>E-mails of this demo shop (newest first). This page exists only without SMTP_URL and an external database, and answers only on this machine.</p>${items || "<p>No e-mails yet.</p>"}`,
        );
    }, next);
  };
}
