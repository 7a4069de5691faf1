//! A list of stored files as links (`/tep/{id}`), each with its kind and
//! size; used for the citizen's uploads and the answer's files.

use leptos::prelude::*;

use crate::domain::attachment::{format_size, Attachment};

/// The address of file `id`; `query` is what the tracker adds for a
/// private complaint (`ma=…&so=…`), or empty.
pub fn file_url(id: i64, query: &str) -> String {
    if query.is_empty() {
        format!("/tep/{id}")
    } else {
        format!("/tep/{id}?{query}")
    }
}

/// "Ảnh: ten.jpg (350 KB)".
pub fn describe(file: &Attachment) -> String {
    let kind = if file.is_image() { "Ảnh" } else { "Tài liệu" };
    format!("{kind}: {} ({})", file.file_name, format_size(file.size_bytes))
}

#[component]
pub fn FileList(files: Vec<Attachment>, #[prop(optional, into)] query: String) -> impl IntoView {
    let items = files
        .iter()
        .map(|file| {
            view! {
                <li><a href=file_url(file.id, &query) target="_blank" rel="noopener">{describe(file)}</a></li>
            }
        })
        .collect_view();
    view! { <ul class="file-list">{items}</ul> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_labels() {
        assert_eq!(file_url(3, ""), "/tep/3");
        assert_eq!(file_url(3, "ma=ABCD&so=1234"), "/tep/3?ma=ABCD&so=1234");
        let file = Attachment {
            id: 1,
            file_name: "ket-qua.pdf".into(),
            content_type: "application/pdf".into(),
            size_bytes: 2048,
        };
        assert_eq!(describe(&file), "Tài liệu: ket-qua.pdf (2 KB)");
    }
}
