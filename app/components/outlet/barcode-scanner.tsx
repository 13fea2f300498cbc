import { useEffect, useRef, useState } from "react";
import { useI18n } from "~/lib/i18n/react";

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorClass = new (options?: { formats?: string[] }) => BarcodeDetectorLike;

function detectorClass(): BarcodeDetectorClass | undefined {
  return typeof window === "undefined" ? undefined : (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
}

/**
 * Scans a SKU's barcode with the phone's camera through the browser's own BarcodeDetector, where there is one
 * (Chrome on Android); elsewhere the button is not shown and the search field takes a USB or Bluetooth scanner's
 * typing, which ends with Enter. No library: the counter stays light on a cheap phone.
 */
export function BarcodeScanner(props: { onScan: (value: string) => void }) {
  const { t } = useI18n();
  const [supported, setSupported] = useState(false);
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  // The latest callback, read when a code is found: the camera is not restarted when the page renders again.
  const onScan = useRef(props.onScan);
  onScan.current = props.onScan;

  useEffect(() => setSupported(Boolean(detectorClass()) && Boolean(navigator.mediaDevices?.getUserMedia)), []);

  useEffect(() => {
    if (!open) return;
    const Detector = detectorClass();
    if (!Detector) return;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    let stopped = false;
    const detector = new Detector({ formats: ["code_128", "code_39", "ean_13", "ean_8", "qr_code", "upc_a"] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(async (camera) => {
        stream = camera;
        if (stopped || !video.current) return camera.getTracks().forEach((track) => track.stop());
        video.current.srcObject = camera;
        await video.current.play();
        timer = setInterval(() => {
          if (!video.current) return;
          detector
            .detect(video.current)
            .then((codes) => {
              const value = codes[0]?.rawValue.trim();
              if (value) {
                setOpen(false);
                onScan.current(value);
              }
            })
            .catch(() => undefined);
        }, 250);
      })
      .catch(() => setProblem(t("outlet.scan.noCamera")));
    return () => {
      stopped = true;
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [open, t]);

  if (!supported) return null;
  return (
    <div className="space-y-2">
      <button type="button" className="btn w-full bg-white text-ink ring-1 ring-sand-300" aria-expanded={open} onClick={() => { setProblem(null); setOpen(!open); }}>
        {open ? t("outlet.scan.stop") : t("outlet.scan.start")}
      </button>
      {open ? <video ref={video} className="aspect-video w-full rounded-xl bg-black object-cover" muted playsInline aria-label={t("outlet.scan.camera")} /> : null}
      {problem ? <p role="alert" className="text-sm text-clay-700">{problem}</p> : null}
    </div>
  );
}
