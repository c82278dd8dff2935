// Bytes read per input, for the progress bar. Each layer's opener is wrapped so that every
// chunk the scanner pulls is counted; the scanner itself knows nothing of it. The CLI decides
// whether anything is shown.
import type { Image } from '../model/types.js';

export interface ProgressItem {
  label: string;
  done: number;
  total: number | null;
}

export class ProgressTracker {
  readonly items: ProgressItem[] = [];

  /** Registers an input; the returned image counts the bytes its layers yield. */
  track(label: string, images: Image[]): Image[] {
    const item = this.items.find((i) => i.label === label) ?? this.add(label);
    let total = 0;
    let known = true;
    for (const im of images)
      for (const l of im.layers) {
        const size = l.blob.actualSize ?? l.blob.declaredSize;
        if (size === null) known = false;
        else total += size;
      }
    item.total = known ? (item.total ?? 0) + total : null;
    // A layer scanned while its input was opened has been read already.
    for (const im of images) for (const l of im.layers) if (l.prescan) item.done += l.prescan.storedSize;
    return images.map((im) => ({ ...im, layers: im.layers.map((l) => ({ ...l, open: async () => counted(await l.open(), item) })) }));
  }

  private add(label: string): ProgressItem {
    const item: ProgressItem = { label, done: 0, total: 0 };
    this.items.push(item);
    return item;
  }
}

async function* counted(source: AsyncIterable<Buffer>, item: ProgressItem): AsyncIterable<Buffer> {
  for await (const chunk of source) {
    item.done += chunk.length;
    yield chunk;
  }
}
