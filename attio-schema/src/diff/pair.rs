//! Lining up the old and the new items of a collection by their keys.

/// How an old and a new collection line up.
pub(super) enum Pair<'a, T> {
    Both(&'a T, &'a T),
    Removed(&'a T),
    Added(&'a T),
}

/// Pairs items by `primary` key, then the leftovers by `secondary` key.
/// A `None` key never matches. Each item pairs at most once; duplicates pair
/// in input order. Output: pairs and removals in old order, then additions
/// in new order (the caller sorts the changes anyway).
pub(super) fn pair_up<'a, T>(
    old: &'a [T],
    new: &'a [T],
    primary: impl Fn(&T) -> Option<&str>,
    secondary: impl Fn(&T) -> Option<&str>,
) -> Vec<Pair<'a, T>> {
    let mut partner: Vec<Option<usize>> = vec![None; old.len()];
    let mut taken = vec![false; new.len()];
    for key in [&primary as &dyn Fn(&T) -> Option<&str>, &secondary] {
        for (i, o) in old.iter().enumerate() {
            if partner[i].is_some() {
                continue;
            }
            let Some(k) = key(o) else { continue };
            if let Some(j) = (0..new.len()).find(|&j| !taken[j] && key(&new[j]) == Some(k)) {
                partner[i] = Some(j);
                taken[j] = true;
            }
        }
    }
    let mut pairs: Vec<Pair<'a, T>> = old
        .iter()
        .zip(&partner)
        .map(|(o, p)| match p {
            Some(j) => Pair::Both(o, &new[*j]),
            None => Pair::Removed(o),
        })
        .collect();
    pairs.extend(
        new.iter()
            .zip(&taken)
            .filter(|(_, t)| !**t)
            .map(|(n, _)| Pair::Added(n)),
    );
    pairs
}

/// A UUID usable for matching: absent when empty.
pub(super) fn id(uuid: &str) -> Option<&str> {
    (!uuid.is_empty()).then_some(uuid)
}

/// The `Replaced` check: both sides carry a UUID and they differ.
pub(super) fn replaced(old: &str, new: &str) -> bool {
    !old.is_empty() && !new.is_empty() && old != new
}
