/** An RGBA image as `ImageData` holds it, without needing a canvas (workers may not have one). */
export interface Pixels {
  width: number
  height: number
  data: Uint8ClampedArray<ArrayBuffer>
}

/** A deterministic test card: gradients, rings and noise, so that blurring has work to do. */
export function testCard(width: number, height: number, seed: number): Pixels {
  const data = new Uint8ClampedArray(width * height * 4)
  let s = seed >>> 0 || 1
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // xorshift32: cheap noise that is the same for the same seed.
      s ^= s << 13
      s ^= s >>> 17
      s ^= s << 5
      const i = (y * width + x) * 4
      const ring = ((x - width / 2) ** 2 + (y - height / 2) ** 2) % 4096 < 2048 ? 60 : 0
      data[i] = (x * 255) / width + ring
      data[i + 1] = (y * 255) / height + (s & 31)
      data[i + 2] = 255 - (x * 255) / width + ring
      data[i + 3] = 255
    }
  }
  return { width, height, data }
}

/**
 * One horizontal or vertical pass of a box blur (a running sum, so the cost does not grow with
 * the radius). Three passes approximate a Gaussian blur. Rows or columns `from..to` only, so the
 * caller can report progress and yield between slices.
 */
export function boxBlurSlice(src: Pixels, dst: Uint8ClampedArray<ArrayBuffer>, radius: number, horizontal: boolean, from: number, to: number): void {
  const { width, height, data } = src
  const length = horizontal ? width : height
  const stride = horizontal ? 4 : width * 4
  const window = radius * 2 + 1
  for (let line = from; line < to; line++) {
    const start = horizontal ? line * width * 4 : line * 4
    for (let c = 0; c < 4; c++) {
      let sum = 0
      // Edges repeat the border pixel.
      for (let k = -radius; k <= radius; k++) sum += data[start + Math.min(length - 1, Math.max(0, k)) * stride + c]!
      for (let p = 0; p < length; p++) {
        dst[start + p * stride + c] = sum / window
        const out = Math.max(0, p - radius)
        const inn = Math.min(length - 1, p + radius + 1)
        sum += data[start + inn * stride + c]! - data[start + out * stride + c]!
      }
    }
  }
}
