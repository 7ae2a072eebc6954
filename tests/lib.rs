//! Nothing here: the tests live in `api/`.
