//! Lists as a sentence says them: "A", "A and B", "A, B and C".

pub fn listed(items: &[&str]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((only, _)) => (*only).to_owned(),
        None => String::new(),
    }
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
}
