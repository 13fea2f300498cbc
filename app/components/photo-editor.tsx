import { useEffect, useRef, useState, type Ref } from "react";
import type { MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import {
  MAX_EXTRA_PHOTOS,
  dropNewExtra,
  initialPhotoOrder,
  makeCover,
  movePhoto,
  photoFieldName,
  photoToken,
  requiredPhotoRoles,
  slotToken,
  type PhotoRole,
  type RequiredPhotoRole,
} from "~/modules/catalog/listings/photo-plan";
import { downscaleForUpload } from "~/lib/downscale-image";
import { MAX_UPLOAD_BYTES, acceptedImageTypes, type ImageSources } from "~/modules/media/images";

export interface SavedPhotoPreview {
  assetId: string;
  role: PhotoRole;
  preview: ImageSources | null;
}

interface Picked {
  file: File;
  url: string;
}

/**
 * The photo part of the product editor. The three required photos each have a slot (saved, or a new pick
 * shown before upload); extra photos can be added and removed; every photo can be moved and the first is
 * the cover. It all travels with the one form post: files in their inputs, the order in `photoOrder`,
 * removed saved photos as `removePhoto`. Without JavaScript the slots, extras and removal still work.
 */
export function PhotoEditor(props: { saved: SavedPhotoPreview[]; errors: Record<string, string | undefined> }) {
  const { t } = useI18n();
  const { saved, errors } = props;
  const [slotPicks, setSlotPicks] = useState<Partial<Record<RequiredPhotoRole, Picked>>>({});
  const [extraPicks, setExtraPicks] = useState<Picked[]>([]);
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [leftOut, setLeftOut] = useState(false);
  const [order, setOrder] = useState<string[]>(() => initialPhotoOrder(saved));
  const extrasInput = useRef<HTMLInputElement>(null);
  const urls = useRef(new Set<string>());
  useEffect(() => () => urls.current.forEach((url) => URL.revokeObjectURL(url)), []);

  const pick = (file: File): Picked => {
    const url = URL.createObjectURL(file);
    urls.current.add(url);
    return { file, url };
  };
  const release = (picked: Picked | undefined) => {
    if (!picked) return;
    URL.revokeObjectURL(picked.url);
    urls.current.delete(picked.url);
  };

  const savedByToken = new Map(saved.map((photo) => [photoToken(photo), photo]));
  const savedExtras = saved.filter((photo) => photo.role === "other");
  const keptExtras = savedExtras.filter((photo) => !removed.has(photo.assetId)).length;
  const roomForExtras = MAX_EXTRA_PHOTOS - keptExtras - extraPicks.length;

  const describe = (token: string): { src: string | undefined; role: PhotoRole; isNew: boolean } | null => {
    const savedPhoto = savedByToken.get(token);
    if (token.startsWith("slot:")) {
      const role = token.slice(5) as RequiredPhotoRole;
      const picked = slotPicks[role];
      if (!picked && !savedPhoto) return null;
      return { src: picked?.url ?? savedPhoto?.preview?.src, role, isNew: Boolean(picked) };
    }
    if (savedPhoto) return removed.has(savedPhoto.assetId) ? null : { src: savedPhoto.preview?.src, role: "other", isNew: false };
    const picked = extraPicks[Number(token.slice(4))];
    return picked ? { src: picked.url, role: "other", isNew: true } : null;
  };
  const shown = (token: string) => describe(token) !== null;
  const arranged = order.filter(shown);

  const setExtraFiles = (files: File[]) => {
    if (extrasInput.current) setInputFiles(extrasInput.current, files);
  };

  const onSlotChange = async (role: RequiredPhotoRole, file: File | undefined, input: HTMLInputElement) => {
    release(slotPicks[role]);
    if (!file) {
      setSlotPicks((current) => ({ ...current, [role]: undefined }));
      return;
    }
    const lighter = await downscaleForUpload(file);
    if (lighter !== file) setInputFiles(input, [lighter]);
    setSlotPicks((current) => ({ ...current, [role]: pick(lighter) }));
  };

  const onExtrasChange = async (files: File[]) => {
    const chosen = files.slice(0, Math.max(0, roomForExtras));
    setLeftOut(files.length > chosen.length);
    // The browser replaced the input's files with this pick: put the earlier ones back at once.
    setExtraFiles([...extraPicks.map((picked) => picked.file), ...chosen]);
    const added = (await Promise.all(chosen.map(downscaleForUpload))).map(pick);
    const next = [...extraPicks, ...added];
    setExtraFiles(next.map((picked) => picked.file));
    setExtraPicks(next);
    setOrder((current) => [...current, ...added.map((_, index) => `new:${extraPicks.length + index}`)]);
  };

  const dropExtraPick = (index: number) => {
    release(extraPicks[index]);
    const next = extraPicks.filter((_, position) => position !== index);
    setExtraFiles(next.map((picked) => picked.file));
    setExtraPicks(next);
    setOrder((current) => dropNewExtra(current, index));
  };

  const extrasField = photoFieldName("other");
  const extrasError = errors[extrasField];
  const roleName = (role: PhotoRole) => t(`imageRole.${role}`);
  const tooBig = (picked: Picked | undefined) => (picked && picked.file.size > MAX_UPLOAD_BYTES ? t("upload.error.tooLarge") : undefined);

  return (
    <>
      <p className="text-sm text-muted">{t("product.photos.intro")}</p>
      <input type="hidden" name="photoOrder" value={arranged.join(",")} />

      <div className="grid grid-cols-3 gap-3">
        {requiredPhotoRoles.map((role) => {
          const field = photoFieldName(role);
          const picked = slotPicks[role];
          const src = picked?.url ?? savedByToken.get(slotToken(role))?.preview?.src;
          const error = errors[field] ? t(errors[field] as MessageKey) : tooBig(picked);
          return (
            <div key={role} className="space-y-1">
              <Thumbnail src={src} label={roleName(role)} empty={t("product.photos.none")} />
              <p className="text-sm font-semibold">{roleName(role)}</p>
              <PickButton
                name={field}
                label={roleName(role)}
                text={src ? t("product.photos.replace") : t("product.photos.choose")}
                describedBy={[src && !picked ? `${field}-hint` : "", error ? `${field}-error` : ""].filter(Boolean).join(" ") || undefined}
                invalid={Boolean(error)}
                onFiles={(files, input) => void onSlotChange(role, files[0], input)}
              />
              {src && !picked ? <p id={`${field}-hint`} className="text-xs text-muted">{t("product.photos.keep")}</p> : null}
              {error ? <p id={`${field}-error`} className="text-sm font-medium text-clay-700">{error}</p> : null}
            </div>
          );
        })}
      </div>

      <div className="space-y-2 rounded-xl bg-sand-50 p-3">
        <h3 className="text-sm font-semibold">{t("product.photos.extras")}</h3>
        <p id={`${extrasField}-hint`} className="text-xs text-muted">{t("product.photos.extrasHint", { max: MAX_EXTRA_PHOTOS })}</p>
        {savedExtras.length > 0 ? (
          <ul className="grid grid-cols-3 gap-3">
            {savedExtras.map((photo) => (
              <li key={photo.assetId} className={removed.has(photo.assetId) ? "opacity-50" : undefined}>
                <Thumbnail src={photo.preview?.src} label={roleName("other")} empty={t("product.photos.none")} />
                <label className="mt-1 flex min-h-11 items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="removePhoto"
                    value={photo.assetId}
                    checked={removed.has(photo.assetId)}
                    onChange={(event) => {
                      const checked = event.currentTarget.checked;
                      setRemoved((current) => {
                        const next = new Set(current);
                        if (checked) next.add(photo.assetId);
                        else next.delete(photo.assetId);
                        return next;
                      });
                    }}
                  />
                  {t("product.photos.remove")}
                </label>
              </li>
            ))}
          </ul>
        ) : null}
        {extraPicks.length > 0 ? (
          <ul className="grid grid-cols-3 gap-3">
            {extraPicks.map((picked, index) => (
              <li key={picked.url}>
                <Thumbnail src={picked.url} label={picked.file.name} empty="" />
                <button type="button" onClick={() => dropExtraPick(index)} className="mt-1 min-h-11 text-sm font-semibold text-clay-700 underline">
                  {t("product.photos.cancel")}
                </button>
                {tooBig(picked) ? <p className="text-xs font-medium text-clay-700">{tooBig(picked)}</p> : null}
              </li>
            ))}
          </ul>
        ) : null}
        <PickButton
          name={extrasField}
          label={t("product.photos.addExtras")}
          text={`+ ${t("product.photos.addExtras")}`}
          describedBy={[`${extrasField}-hint`, extrasError ? `${extrasField}-error` : ""].filter(Boolean).join(" ")}
          invalid={Boolean(extrasError)}
          multiple
          full={roomForExtras <= 0}
          inputRef={extrasInput}
          onFiles={(files) => void onExtrasChange(files)}
        />
        {leftOut && !extrasError ? <p role="status" className="text-sm font-medium text-clay-700">{t("product.error.tooManyPhotos")}</p> : null}
        {extrasError ? <p id={`${extrasField}-error`} className="text-sm font-medium text-clay-700">{t(extrasError as MessageKey)}</p> : null}
      </div>

      {arranged.length > 1 ? (
        <div className="space-y-2">
          <h3 className="text-sm font-semibold" id="photo-order-heading">{t("product.photos.order")}</h3>
          <p className="text-xs text-muted">{t("product.photos.orderHint")}</p>
          <ol aria-labelledby="photo-order-heading" className="space-y-2">
            {arranged.map((token, index) => {
              const photo = describe(token)!;
              const name = `${index + 1}. ${roleName(photo.role)}`;
              return (
                <li key={token} className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-xl bg-white p-2 ring-1 ring-sand-200">
                  <Thumbnail src={photo.src} label={name} empty="" small />
                  <span className="min-w-0 flex-1 text-sm">
                    <span className="font-medium">{name}</span>
                    {index === 0 ? " " : null}
                    {index === 0 ? <span className="ml-1 rounded-full bg-sea-700 px-2 py-0.5 text-xs font-semibold text-white">{t("product.photos.cover")}</span> : null}
                    {photo.isNew ? <span className="block text-xs text-muted">{t("product.photos.new")}</span> : null}
                  </span>
                  <span className="flex w-full shrink-0 justify-end gap-1 sm:w-auto">
                    <OrderButton label={t("product.photos.moveUp", { name })} disabled={index === 0} onClick={() => setOrder((current) => movePhoto(current, token, -1, shown))}>↑</OrderButton>
                    <OrderButton label={t("product.photos.moveDown", { name })} disabled={index === arranged.length - 1} onClick={() => setOrder((current) => movePhoto(current, token, 1, shown))}>↓</OrderButton>
                    {index > 0 ? (
                      <button
                        type="button"
                        aria-label={`${t("product.photos.makeCover")}: ${name}`}
                        onClick={() => setOrder((current) => makeCover(current, token))}
                        className="min-h-11 rounded-full px-3 text-xs font-semibold text-sea-700 ring-1 ring-sea-700/40"
                      >
                        {t("product.photos.makeCover")}
                      </button>
                    ) : null}
                  </span>
                </li>
              );
            })}
          </ol>
        </div>
      ) : null}
    </>
  );
}

/**
 * No `capture` on these inputs: on phones it opens only the camera, and members must be able to pick photos
 * already on the phone as well; without it the phone offers both.
 *
 * A file input dressed as a button in the page's language (the browser's own says "Choose File" in
 * the browser's language and squeezes file names on a phone). The input keeps the accessible name.
 */
function PickButton(props: {
  name: string;
  label: string;
  text: string;
  describedBy?: string;
  invalid: boolean;
  multiple?: boolean;
  /** No room for more: the picker does not open (the input stays enabled so its files are still sent). */
  full?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  onFiles: (files: File[], input: HTMLInputElement) => void;
}) {
  return (
    <label
      className={`inline-flex min-h-11 cursor-pointer items-center justify-center rounded-full bg-sea-700 px-3 text-center text-sm font-semibold text-white focus-within:outline focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-sea-700 ${props.full ? "cursor-not-allowed opacity-40" : ""}`}
    >
      {props.text}
      <input
        ref={props.inputRef}
        id={props.name}
        name={props.name}
        type="file"
        accept={acceptedImageTypes}
        multiple={props.multiple}
        aria-disabled={props.full ? true : undefined}
        aria-label={props.label}
        onClick={(event) => {
          if (props.full) event.preventDefault();
        }}
        aria-invalid={props.invalid ? true : undefined}
        aria-describedby={props.describedBy}
        onChange={(event) => props.onFiles([...(event.currentTarget.files ?? [])], event.currentTarget)}
        className="sr-only"
      />
    </label>
  );
}

/** Puts these files in a file input (where the browser allows it), so they are what the form sends. */
function setInputFiles(input: HTMLInputElement, files: File[]) {
  if (typeof DataTransfer === "undefined") return;
  const transfer = new DataTransfer();
  files.forEach((file) => transfer.items.add(file));
  input.files = transfer.files;
}

function Thumbnail(props: { src: string | undefined; label: string; empty: string; small?: boolean }) {
  const size = props.small ? "h-14 w-14" : "aspect-square w-full";
  return props.src ? (
    // Square whatever the photo: the size attributes hold its place before the preview decodes.
    <img src={props.src} alt={props.small ? "" : props.label} width={props.small ? 56 : 320} height={props.small ? 56 : 320} className={`${size} rounded-lg bg-sand-100 object-cover`} />
  ) : (
    <div className={`${size} flex items-center justify-center rounded-lg border-2 border-dashed border-sand-300 p-1 text-center text-xs text-muted`}>{props.empty}</div>
  );
}

function OrderButton(props: { label: string; disabled: boolean; onClick: () => void; children: string }) {
  return (
    <button
      type="button"
      aria-label={props.label}
      disabled={props.disabled}
      onClick={props.onClick}
      className="h-11 w-11 rounded-full text-lg font-bold text-sea-700 ring-1 ring-sea-700/40 disabled:opacity-30"
    >
      {props.children}
    </button>
  );
}
