// Sorted arrays of steps: where a step falls, and adding one.

export function bisectRight(arr, x) {
  let lo = 0, hi = arr.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (arr[mid] <= x) lo = mid + 1; else hi = mid; }
  return lo;
}

// Insert ``x`` in order; false when it is there already.
export function insertSorted(arr, x) {
  if (!arr.length || x > arr[arr.length - 1]) { arr.push(x); return true; }
  const i = bisectRight(arr, x);
  if (i > 0 && arr[i - 1] === x) return false;
  arr.splice(i, 0, x);
  return true;
}
