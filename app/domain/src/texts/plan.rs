//! The texts of the action plan: its page, the printable version, the follow-up in the next
//! round's report, the association's overview and every refusal of a plan form. One value
//! per language lives in `nl.rs`, `en.rs` and `fr.rs`, like every text.

/// The action plan.
#[derive(Debug, Clone, Copy)]
pub struct PlanTexts {
    /// The plan page's title.
    pub title: &'static str,
    /// Under the title: what the plan is, and that respondents never see it.
    pub intro: &'static str,
    /// The report's link to the plan.
    pub open_plan: &'static str,
    /// The plan's link back to the report.
    pub back_to_report: &'static str,
    /// The link to the printable version.
    pub print_link: &'static str,
    /// Shown to those who may read but not change the plan.
    pub read_only: &'static str,
    /// The targets' heading.
    pub targets_heading: &'static str,
    /// "Today": the dimension's published mean and level.
    pub today_label: &'static str,
    /// A dimension without a published level.
    pub not_assessed: &'static str,
    /// The target field's label.
    pub target_label: &'static str,
    /// The target field's "no target" choice.
    pub no_target: &'static str,
    /// The ambition field's label.
    pub ambition_label: &'static str,
    /// The button saving a dimension's target.
    pub save_target: &'static str,
    /// The heading of a dimension's advice that can be adopted.
    pub advice_heading: &'static str,
    /// The button adopting an advice item as an action.
    pub adopt: &'static str,
    /// Beside an advice item that is in the plan already.
    pub adopted: &'static str,
    /// The actions' heading.
    pub actions_heading: &'static str,
    /// The actions table's caption.
    pub actions_caption: &'static str,
    /// Shown while the plan has no action.
    pub no_actions: &'static str,
    /// Field and column: an action's title.
    pub action_title: &'static str,
    /// Field and column: the dimension.
    pub dimension: &'static str,
    /// Field and column: the horizon.
    pub horizon: &'static str,
    /// Field and column: the owner.
    pub owner: &'static str,
    /// Under the owner field.
    pub owner_hint: &'static str,
    /// An action without an owner yet.
    pub owner_unassigned: &'static str,
    /// Field and column: the due date.
    pub due: &'static str,
    /// Field and column: the status.
    pub status: &'static str,
    /// Field and column: the time needed.
    pub time: &'static str,
    /// Field and column: the budget needed.
    pub budget: &'static str,
    /// Field and column: the note.
    pub note: &'static str,
    /// Beside an action that is overdue.
    pub overdue: &'static str,
    /// The disclosure opening an action's form.
    pub edit_action: &'static str,
    /// An action's form's legend; `title` is the action's title.
    pub edit_legend: fn(title: &str) -> String,
    /// The button saving an action.
    pub save_action: &'static str,
    /// The button moving an action up.
    pub move_up: &'static str,
    /// The button moving an action down.
    pub move_down: &'static str,
    /// The button deleting an action.
    pub delete_action: &'static str,
    /// The heading of the form adding one's own action.
    pub new_action_heading: &'static str,
    /// The button adding it.
    pub add_action: &'static str,
    /// The advisors' comments' heading.
    pub comments_heading: &'static str,
    /// Shown while there is no comment.
    pub no_comments: &'static str,
    /// The comment field's label.
    pub comment_label: &'static str,
    /// The button posting a comment.
    pub add_comment: &'static str,
    /// The short-term horizon.
    pub horizon_short: &'static str,
    /// The medium-term horizon.
    pub horizon_medium: &'static str,
    /// Status: planned.
    pub status_planned: &'static str,
    /// Status: in progress.
    pub status_in_progress: &'static str,
    /// Status: done.
    pub status_done: &'static str,
    /// Status: dropped.
    pub status_dropped: &'static str,
    /// The printable version's title.
    pub print_title: &'static str,
    /// Under it: the round it starts from and the date; `round` is its name and year.
    pub print_basis: fn(round: &str, date: &str) -> String,
    /// How to print it.
    pub print_hint: &'static str,
    /// The follow-up's heading in the next round's report.
    pub follow_up_heading: &'static str,
    /// Under it; `previous` is the round the plan started from.
    pub follow_up_intro: fn(previous: &str) -> String,
    /// The follow-up table's caption.
    pub follow_up_caption: &'static str,
    /// Column: the previous round's mean.
    pub previous_score: &'static str,
    /// Column: the target.
    pub target: &'static str,
    /// Column: this round's mean.
    pub current_score: &'static str,
    /// Column: what moved.
    pub verdict: &'static str,
    /// Column: the actions done.
    pub actions_done: &'static str,
    /// "2 of 3".
    pub done_of: fn(done: usize, all: usize) -> String,
    /// The heading of the overdue actions.
    pub overdue_heading: &'static str,
    /// Shown when none is overdue.
    pub none_overdue: &'static str,
    /// The heading of the dropped actions.
    pub dropped_heading: &'static str,
    /// Verdict: the target is reached.
    pub verdict_target_reached: &'static str,
    /// Verdict: improved.
    pub verdict_improved: &'static str,
    /// Verdict: unchanged.
    pub verdict_unchanged: &'static str,
    /// Verdict: declined.
    pub verdict_declined: &'static str,
    /// Verdict: no figure in one of the rounds.
    pub verdict_not_comparable: &'static str,
    /// The association's overview's title.
    pub sector_title: &'static str,
    /// The link to it from the comparison.
    pub sector_link: &'static str,
    /// How many organisations have a plan.
    pub sector_intro: fn(with_plan: usize, organisations: usize) -> String,
    /// Shown instead of figures when fewer than the threshold have a plan.
    pub sector_hidden: fn(threshold: usize) -> String,
    /// The overview table's caption.
    pub sector_caption: &'static str,
    /// Column: the share planning something for the dimension.
    pub share_with_plan: &'static str,
    /// Column group: the targets set, per level.
    pub targets_per_level: &'static str,
    /// In place of a distribution resting on too few organisations.
    pub distribution_hidden: &'static str,
    /// The most adopted advice's heading.
    pub most_adopted_heading: &'static str,
    /// Column: how many organisations adopted it.
    pub adopted_by: &'static str,
    /// Export sheet: the targets.
    pub sheet_targets: &'static str,
    /// Export sheet: the actions.
    pub sheet_actions: &'static str,
    /// There is no plan without results.
    pub no_results: &'static str,
    /// No such action.
    pub action_not_found: &'static str,
    /// Refusal: the target is not a level.
    pub target_not_a_level: &'static str,
    /// Refusal: the target is below today's level.
    pub target_below_today: &'static str,
    /// Refusal: the ambition is too long.
    pub ambition_too_long: &'static str,
    /// Refusal: the title is empty or too long.
    pub title_length: &'static str,
    /// Refusal: an unknown dimension.
    pub unknown_dimension: &'static str,
    /// Refusal: an unknown horizon.
    pub unknown_horizon: &'static str,
    /// Refusal: the owner is too long.
    pub owner_too_long: &'static str,
    /// Refusal: the due date is not a date.
    pub due_not_a_date: &'static str,
    /// Refusal: an unknown status.
    pub unknown_status: &'static str,
    /// Refusal: the time text is too long.
    pub time_too_long: &'static str,
    /// Refusal: the budget text is too long.
    pub budget_too_long: &'static str,
    /// Refusal: the note is too long.
    pub note_too_long: &'static str,
    /// Refusal: an advice item the model does not have.
    pub unknown_advice: &'static str,
    /// Refusal: the advice item is in the plan already.
    pub advice_adopted_already: &'static str,
    /// Refusal: the comment is empty or too long.
    pub comment_length: &'static str,
}
