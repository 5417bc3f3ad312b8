//! Where an offer's evaluation puts a rule's finding, by the group's JSON name.

use msc_therapy::RuleId;
use msc_therapy::engine::offer::OfferEvaluation;

/// The group of `rule`'s finding (`walk_away`, `ask_first`, `good_signs`, `notes`), or
/// `absent` when the evaluation has no finding of that rule.
pub fn in_group(eval: &OfferEvaluation, rule: RuleId) -> &'static str {
    if eval.walk_away.iter().any(|f| f.rule == rule) {
        "walk_away"
    } else if eval.ask_first.iter().any(|f| f.rule == rule) {
        "ask_first"
    } else if eval.good_signs.iter().any(|f| f.rule == rule) {
        "good_signs"
    } else if eval.notes.iter().any(|f| f.rule == rule) {
        "notes"
    } else {
        "absent"
    }
}
