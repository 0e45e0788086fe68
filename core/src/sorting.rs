//! One compiled sort for the report-sized lists (alerts, plan lines, cover
//! rows, statements …): [`sort_by`] sorts stably like `slice::sort_by`, but
//! through an order of indices with a `dyn` comparator, so the standard
//! library's sort is compiled once instead of once per call site. Each
//! `sort_by` costs the page a few kilobytes of wasm; these lists have a few
//! thousand items at most, where the indirection costs nothing that shows.
//! The ledger's own hot paths (the index, netting, the invoice list over a
//! million rows) keep the standard sort.

use std::cmp::Ordering;

/// The stable order of `n` items under `cmp` (by index).
#[inline(never)]
fn order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|a, b| cmp(*a, *b));
    idx
}

/// Sorts `v` stably by `cmp` (see the module docs).
///
/// # Example
/// ```
/// let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd')];
/// credit_core::sorting::sort_by(&mut v, |x, y| x.0.cmp(&y.0));
/// assert_eq!(v, [(1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
/// ```
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let idx = {
        let s = &v[..];
        order(s.len(), &|a, b| cmp(&s[a], &s[b]))
    };
    let mut old: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(idx.into_iter().filter_map(|i| old[i].take()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // A small deterministic generator: many equal keys, so stability shows.
        let mut x: u32 = 12345;
        for n in [0usize, 1, 2, 3, 10, 100, 1000] {
            let v: Vec<(u32, usize)> = (0..n)
                .map(|i| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    ((x >> 16) % 7, i)
                })
                .collect();
            let mut a = v.clone();
            a.sort_by_key(|p| p.0);
            let mut b = v;
            sort_by(&mut b, |p, q| p.0.cmp(&q.0));
            assert_eq!(a, b);
        }
    }
}
