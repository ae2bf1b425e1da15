mod common;
use common::*;

#[test]
fn a_document_gets_its_page_with_title_and_metadata() {
    let site = TestSite::new().doc(
        "notices/budget.md",
        "title: 关于工会经费预算的公示\ndate: 2023-06-01\ndoc_no: 校工〔2023〕12号\ncategories: [经费公开]",
        "现将预算公示如下。",
    );
    let b = site.build();
    let p = b.page("/notices/budget/");
    assert_eq!(p.text("h1"), "关于工会经费预算的公示");
    assert!(p.text("dl.meta").contains("校工〔2023〕12号"));
    assert!(p.text(".body").contains("现将预算公示如下。"));
    assert!(b.exists("/notices/budget/index.md"));
}
