// The Kazakh BIN/IIN check digit, for feedback as the user types; the Rust core decides.
export function binProblem(bin: string): "length" | "digits" | "check" | null {
  if (bin === "") return null;
  if (!/^\d*$/.test(bin)) return "digits";
  if (bin.length !== 12) return "length";
  const d = [...bin].map(Number);
  const sum = (weights: number[]) => weights.reduce((acc, w, i) => acc + w * (d[i] as number), 0) % 11;
  let check = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  if (check === 10) check = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
  return check === 10 || check !== d[11] ? "check" : null;
}
