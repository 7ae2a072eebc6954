//! Lists as a sentence says them: "A", "A and B", "A, B and C" — the last joint in the
//! reader's language ("A, B y C", "A, B und C"), from the catalog's `list-and`.

use crate::lang::{self, Lang};

/// `items` as a sentence says them in `lang`.
pub fn listed_in(lang: Lang, items: &[&str]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => lang.say(
            "list-and",
            &[("rest", rest.join(", ").into()), ("last", (*last).into())],
        ),
        Some((only, _)) => (*only).to_owned(),
        None => String::new(),
    }
}

/// `items` as a sentence says them in the current page's language (English elsewhere).
pub fn listed(items: &[&str]) -> String {
    listed_in(lang::current(), items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_reads_as_a_sentence_says_it() {
        assert_eq!(listed(&[]), "");
        assert_eq!(listed(&["X"]), "X");
        assert_eq!(listed(&["TikTok", "X"]), "TikTok and X");
        assert_eq!(listed(&["YouTube", "TikTok", "X"]), "YouTube, TikTok and X");
    }

    #[test]
    fn the_last_joint_is_the_readers_language() {
        let three = ["YouTube", "TikTok", "X"];
        assert_eq!(listed_in(Lang::Es, &three), "YouTube, TikTok y X");
        assert_eq!(listed_in(Lang::Fr, &three), "YouTube, TikTok et X");
        assert_eq!(listed_in(Lang::De, &three), "YouTube, TikTok und X");
        assert_eq!(listed_in(Lang::PtBr, &three), "YouTube, TikTok e X");
    }
}
