//! The application shell and its routes. Pages are rendered on the server;
//! only `#[island]` components ship to the browser as WASM.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::components::layout::{SiteFooter, SiteHeader};
use crate::pages::{
    admin::{
        accounts::AccountsPage, agencies::AgenciesPage, categories::CategoriesPage, communes::CommunesPage,
        overview::AdminHomePage,
    },
    complaint::ComplaintPage,
    complaints::ComplaintsPage,
    filed::FiledPage,
    home::HomePage,
    not_found::NotFound,
    ranking::RankingPage,
    staff::{
        account::AccountPage, case::CasePage, dashboard::DashboardPage, inbox::InboxPage, sign_in::SignInPage,
        staff_ranking::StaffRankingPage,
    },
    submit::SubmitPage,
    track::TrackPage,
};

/// The HTML document around every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="vi">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#b91c1c" />
                <meta name="description" content="Gửi phản ánh, kiến nghị đến chính quyền và theo dõi kết quả trả lời." />
                <link rel="stylesheet" href="/pkg/phanhoi.css" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title formatter=|page: String| format!("{page} · Phản hồi") />
        <a class="skip-link" href="#noi-dung">"Bỏ qua, đến nội dung chính"</a>
        <SiteHeader />
        <Router>
            <main id="noi-dung" class="container">
                <Routes fallback=NotFound>
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/gui-phan-anh") view=SubmitPage ssr=SsrMode::Async />
                    <Route path=path!("/gui-phan-anh/da-gui") view=FiledPage ssr=SsrMode::Async />
                    <Route path=path!("/tra-cuu") view=TrackPage ssr=SsrMode::Async />
                    <Route path=path!("/phan-anh") view=ComplaintsPage ssr=SsrMode::Async />
                    <Route path=path!("/phan-anh/:id") view=ComplaintPage ssr=SsrMode::Async />
                    <Route path=path!("/dang-nhap") view=SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/can-bo") view=InboxPage ssr=SsrMode::Async />
                    <Route path=path!("/can-bo/phan-anh/:id") view=CasePage ssr=SsrMode::Async />
                    <Route path=path!("/can-bo/tai-khoan") view=AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/xep-hang") view=RankingPage ssr=SsrMode::Async />
                    <Route path=path!("/can-bo/xep-hang") view=StaffRankingPage ssr=SsrMode::Async />
                    <Route path=path!("/can-bo/thong-ke") view=DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/quan-tri") view=AdminHomePage ssr=SsrMode::Async />
                    <Route path=path!("/quan-tri/co-quan") view=AgenciesPage ssr=SsrMode::Async />
                    <Route path=path!("/quan-tri/linh-vuc") view=CategoriesPage ssr=SsrMode::Async />
                    <Route path=path!("/quan-tri/xa-phuong") view=CommunesPage ssr=SsrMode::Async />
                    <Route path=path!("/quan-tri/tai-khoan") view=AccountsPage ssr=SsrMode::Async />
                </Routes>
            </main>
        </Router>
        <SiteFooter />
    }
}
