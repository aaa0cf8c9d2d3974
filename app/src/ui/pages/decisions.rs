//! A worker's decisions (issue 14; DEC-1 to DEC-3, DEC-5): where they stand, every decision
//! recorded with its plan and the worker's answer, the form their team manager (or, for
//! ASYE, practice supervisor) records a decision with, and the form the worker answers a
//! plan with. Plain forms, server-rendered: the page downloads no code of its own.

use crate::api::decisions::worker_decisions;
use crate::ui::govuk::{
    error_for, group_class, posted_error, posted_errors, DateInput, ErrorMessage, ErrorSummary,
    Loaded, NotificationBanner, Radios, TextArea, TextInput,
};
use crate::ui::session::RequireUser;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use pathway_core::decisions::form::{DecisionForm, OBSERVATION_KEY};
use pathway_core::decisions::supervision::{Progress, SupervisionForm, ACTION_KEY};
use pathway_core::decisions::views::{
    ActionView, ChallengeResponseView, DecisionView, DecisionsPage, ObservationChoice,
    ProgressView, TypedForms,
};
use pathway_core::domain::DecisionOutcome;
use pathway_core::error::FieldError;

#[component]
pub fn DecisionsPage() -> impl IntoView {
    let query = use_query_map();
    let flag = move |name: &str| query.with_untracked(|q| q.get(name).is_some());
    let (recorded, answered) = (flag("recorded"), flag("answered"));
    let (responded, supervised) = (flag("responded"), flag("supervised"));
    let person = query
        .with_untracked(|q| q.get("person"))
        .unwrap_or_default();
    let data = Resource::new_blocking(move || person.clone(), worker_decisions);
    let errors = Signal::stored(posted_errors("outcome"));
    // what the manager typed is shown again only beside the errors it caused
    let refused = posted_error().is_some();
    view! {
        <Title text="Decisions"/>
        <RequireUser>
            {recorded.then(|| view! { <NotificationBanner id="decision-recorded" success=true heading="Your decision is recorded. The worker, their service manager and the panel secretariat have been sent a notice."/> })}
            {answered.then(|| view! { <NotificationBanner id="plan-answered" success=true heading="Your answer is recorded. Your manager and service manager have been sent a notice."/> })}
            {supervised.then(|| view! { <NotificationBanner id="supervision-recorded" success=true heading="The plan's progress is recorded. The worker has been sent a notice."/> })}
            {responded.then(|| view! { <NotificationBanner id="challenge-answered" success=true heading="Your response is recorded. The worker and the manager who decided have been sent a notice."/> })}
            <ErrorSummary errors=errors/>
            <Loaded resource=data view=move |(page, typed): (DecisionsPage, TypedForms)| {
                let typed = if refused { typed } else { TypedForms::default() };
                decisions(page, typed, errors)
            }/>
        </RequireUser>
    }
}

fn decisions(
    page: DecisionsPage,
    typed: TypedForms,
    errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let TypedForms {
        decision: typed_decision,
        supervision: typed_supervision,
    } = typed;
    let heading = if page.is_worker {
        "Your manager's decisions".to_owned()
    } else {
        format!("Decisions: {}", page.worker_name)
    };
    let pathway = format!("/portfolio?person={}", page.worker_id);
    let open_plan = page
        .decisions
        .first()
        .filter(|d| d.outcome == DecisionOutcome::NotYet && d.answer.is_none() && page.is_worker)
        .map(|d| d.id.clone());
    let form = page
        .may_decide
        .then(|| decision_form(&page, typed_decision.unwrap_or_default(), errors));
    view! {
        {page.step.clone().map(|step| view! { <span class="govuk-caption-l">{step}</span> })}
        <h1 class="govuk-heading-xl">{heading}</h1>
        <p class="govuk-body" id="decision-state">{page.state.clone()}</p>
        <p class="govuk-body"><a class="govuk-link" href=pathway>{if page.is_worker { "Your pathway and portfolio".to_owned() } else { format!("{}'s pathway and portfolio", page.worker_name) }}</a></p>
        {open_plan.map(|id| answer_form(id, errors))}
        {form}
        <h2 class="govuk-heading-l">"Decisions recorded"</h2>
        {if page.decisions.is_empty() {
            view! { <p class="govuk-body" id="no-decisions">"No decision has been recorded yet."</p> }.into_any()
        } else {
            // one response form, on the newest challenge still unanswered (one form per page
            // keeps its fields' ids, and so its errors, unique)
            let respond_to = page
                .decisions
                .iter()
                .position(|d| d.answer.as_ref().is_some_and(|a| !a.agreed && a.response.is_none()))
                .filter(|_| page.may_respond);
            // progress is recorded on the current plan only: the newest decision
            let mut supervise = page.may_supervise.then(|| typed_supervision.unwrap_or_default());
            view! { <div id="decisions">{page.decisions.into_iter().enumerate().map(|(i, d)| {
                decision(d, respond_to == Some(i), supervise.take(), errors)
            }).collect_view()}</div> }.into_any()
        }}
    }
}

/// One decision's card. `respond`: the caller responds to this decision's challenge here;
/// `supervise`: the caller records progress on this plan (the newest decision), with what
/// they typed before a refusal.
fn decision(
    d: DecisionView,
    respond: bool,
    supervise: Option<SupervisionForm>,
    errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let id = d.id.clone();
    let supervision = supervise
        .filter(|_| !d.actions.is_empty())
        .map(|typed| supervision_form(d.id.clone(), &d.actions, typed, errors));
    let title = match d.outcome {
        DecisionOutcome::Endorse => format!("Endorsed on {}", d.decided_on),
        DecisionOutcome::NotYet => format!("Not yet, on {}", d.decided_on),
    };
    let endorsement = d
        .endorsement_id
        .map(|id| format!("/portfolio/evidence?id={id}"));
    view! {
        <div class="govuk-summary-card app-decision">
            <div class="govuk-summary-card__title-wrapper">
                <h3 class="govuk-summary-card__title">{title}</h3>
            </div>
            <div class="govuk-summary-card__content">
                <p class="govuk-body">{format!("{} \u{2014} by {}", d.step, d.decided_by)}</p>
                {(d.outcome == DecisionOutcome::NotYet).then(|| view! { <p class="govuk-body">{format!("Why not yet: {}", d.reason)}</p> })}
                {endorsement.map(|href| view! { <p class="govuk-body"><a class="govuk-link" href=href>"The endorsement in the portfolio"</a></p> })}
                {(!d.observations.is_empty()).then(|| view! {
                    <h4 class="govuk-heading-s">"Based on these observations of practice"</h4>
                    <ul class="govuk-list govuk-list--bullet">
                        {d.observations.into_iter().map(|o| view! {
                            <li><a class="govuk-link" href=format!("/portfolio/evidence?id={}", o.id)>{o.title}</a>{format!(" ({})", o.observed_on)}</li>
                        }).collect_view()}
                    </ul>
                })}
                {(!d.actions.is_empty()).then(|| view! {
                    <table class="govuk-table">
                        <caption class="govuk-table__caption govuk-table__caption--s">"Development plan"</caption>
                        <thead class="govuk-table__head"><tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Action"</th>
                            <th scope="col" class="govuk-table__header">"Due by"</th>
                            <th scope="col" class="govuk-table__header">"Progress in supervision"</th>
                        </tr></thead>
                        <tbody class="govuk-table__body">
                            {d.actions.into_iter().map(|a| view! {
                                <tr class="govuk-table__row">
                                    <td class="govuk-table__cell">{a.description}</td>
                                    <td class="govuk-table__cell">{a.due_on}</td>
                                    <td class="govuk-table__cell app-action-progress">{progress_history(a.progress)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                })}
                {supervision}
                {d.answer.map(|a| {
                    let said = if a.agreed {
                        format!("The worker agreed the plan on {}.", a.answered_on)
                    } else {
                        format!("The worker disagrees with the plan (recorded {}).", a.answered_on)
                    };
                    let challenged = !a.agreed;
                    view! {
                        <p class="govuk-body app-plan-answer"><strong>{said}</strong></p>
                        {(!a.comment.is_empty()).then(|| view! { <p class="govuk-body">{format!("\u{201c}{}\u{201d}", a.comment)}</p> })}
                        {match a.response {
                            Some(response) => challenge_response(response).into_any(),
                            None if challenged && respond => challenge_form(id, errors).into_any(),
                            None if challenged => view! { <p class="govuk-body app-challenge-waiting">"The service manager has not responded to this challenge yet."</p> }.into_any(),
                            None => ().into_any(),
                        }}
                    }
                })}
            </div>
        </div>
    }
}

/// An action's progress, newest supervision first.
fn progress_history(history: Vec<ProgressView>) -> AnyView {
    if history.is_empty() {
        return view! { <span class="govuk-hint">"Not discussed in supervision yet"</span> }
            .into_any();
    }
    view! {
        <ul class="govuk-list">
            {history.into_iter().map(|p| {
                let note = (!p.note.is_empty()).then(|| format!(": {}", p.note));
                view! { <li><strong>{p.progress}</strong>{format!(", {} ({})", p.held_on, p.recorded_by)}{note}</li> }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The team manager (or practice supervisor) records a supervision's progress on each of
/// the current plan's actions (DEC-2: monitored in supervision).
fn supervision_form(
    decision: String,
    actions: &[ActionView],
    typed: SupervisionForm,
    errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let options: Vec<(&'static str, &'static str)> = Progress::ALL
        .iter()
        .map(|p| (p.code(), p.label()))
        .collect();
    view! {
        <form method="post" action="/api/decisions/record_supervision" novalidate=true id="supervision-form">
            <input type="hidden" name="form[decision]" value=decision/>
            <h4 class="govuk-heading-m">"Record progress from a supervision"</h4>
            <DateInput id="held_on" name="form[held_on]" legend="Date of the supervision" value=typed.held_on.clone() error=error_for(errors, "held_on")/>
            {actions.iter().enumerate().map(|(i, action)| {
                let n = i + 1;
                let key = format!("{ACTION_KEY}{n}");
                let checked = typed.progress.get(&key).cloned().unwrap_or_default();
                let note = typed.note.get(&key).cloned().unwrap_or_default();
                view! {
                    <Radios id=format!("progress_{n}") name=format!("form[progress][{key}]")
                        legend=format!("Action {n}: {}", action.description) legend_size="govuk-fieldset__legend--s"
                        options=options.clone() checked small=true error=error_for(errors, format!("progress_{n}"))/>
                    <TextArea id=format!("note_{n}") name=format!("form[note][{key}]") label=format!("Note on action {n} (optional)")
                        value=note error=error_for(errors, format!("note_{n}"))/>
                }
            }).collect_view()}
            <button type="submit" class="govuk-button" data-module="govuk-button">"Record progress"</button>
        </form>
    }
}

/// The service manager's response to a challenge (DEC-5), as everyone who may see the
/// decision reads it.
fn challenge_response(response: ChallengeResponseView) -> impl IntoView {
    let outcome = if response.upheld {
        "Upheld: the manager is to look at the decision again"
    } else {
        "Not upheld: the decision stands"
    };
    view! {
        <div class="app-challenge-response">
            <h4 class="govuk-heading-s">{format!("Response to the challenge, from {} on {}", response.by, response.on)}</h4>
            <p class="govuk-body"><strong>{outcome}</strong></p>
            <p class="govuk-body">{format!("\u{201c}{}\u{201d}", response.comment)}</p>
        </div>
    }
}

/// The service manager responds to the worker's challenge (DEC-5): once, with reasons.
fn challenge_form(decision: String, errors: Signal<Vec<FieldError>>) -> impl IntoView {
    view! {
        <form method="post" action="/api/decisions/respond_to_challenge" novalidate=true id="challenge-form">
            <input type="hidden" name="form[decision]" value=decision/>
            <Radios id="challenge_outcome" name="form[outcome]" legend="Your response to the challenge"
                hint="The worker and the manager who decided are sent a notice; your response stays with the decision."
                options=vec![("upheld", "Upheld: the manager looks at the decision again"), ("not_upheld", "Not upheld: the decision stands")]
                error=error_for(errors, "challenge_outcome")/>
            <TextArea id="challenge_reasons" name="form[comment]" label="Your reasons" error=error_for(errors, "challenge_reasons")/>
            <button type="submit" class="govuk-button" data-module="govuk-button">"Send response"</button>
        </form>
    }
}

/// The worker's answer to the newest plan (DEC-2: agreed with the worker; DEC-5: a
/// disagreement goes up the line).
fn answer_form(decision: String, errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let comment_error = error_for(errors, "comment");
    view! {
        <form method="post" action="/api/decisions/answer" novalidate=true id="answer-form">
            <input type="hidden" name="form[decision]" value=decision/>
            <Radios id="answer" name="form[answer]" legend="Do you agree with your development plan?"
                hint="If you disagree, say why: your service manager will see it and respond."
                options=vec![("agree", "I agree with the plan"), ("disagree", "I disagree with the plan")]
                error=error_for(errors, "answer")/>
            <TextArea id="comment" name="form[comment]" label="Comment (optional if you agree)" error=comment_error/>
            <button type="submit" class="govuk-button" data-module="govuk-button">"Send my answer"</button>
        </form>
    }
}

/// "Record a decision": endorse, citing observations (DEC-3), or not yet with a dated plan
/// (DEC-2). Without JavaScript both halves are shown; only the chosen one is read.
fn decision_form(
    page: &DecisionsPage,
    typed: DecisionForm,
    errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let observations_error = error_for(errors, "observations");
    let ticked = typed.cited();
    let rows: Vec<(usize, String, String)> = typed
        .rows()
        .iter()
        .enumerate()
        .map(|(i, (a, d))| (i + 1, (*a).to_owned(), (*d).to_owned()))
        .collect();
    view! {
        <form method="post" action="/api/decisions/record" novalidate=true id="decision-form">
            <input type="hidden" name="form[worker]" value=page.worker_id.clone()/>
            <h2 class="govuk-heading-l">"Record a decision"</h2>
            <Radios id="outcome" name="form[outcome]" legend=format!("Do you endorse {}'s application?", page.worker_name)
                options=vec![("endorse", "Yes, I endorse it"), ("not_yet", "Not yet: I will set a development plan")]
                checked=typed.outcome.clone() error=error_for(errors, "outcome")/>

            <h3 class="govuk-heading-m">"If you endorse"</h3>
            <div class=group_class(observations_error.into())>
                <fieldset class="govuk-fieldset" aria-describedby="observations-hint">
                    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"The observations of practice your endorsement is based on"</legend>
                    <div class="govuk-hint" id="observations-hint">"Direct observations over time (DEC-3). Add an observation to the portfolio first if it is not listed."</div>
                    <ErrorMessage id="observations" error=observations_error/>
                    {if page.observations.is_empty() {
                        view! { <p class="govuk-body" id="observations">"There are no final observations of practice in this portfolio yet."</p> }.into_any()
                    } else {
                        view! {
                            <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                                {page.observations.iter().enumerate().map(|(i, o)| observation_box(i, o, ticked.contains(&o.id))).collect_view()}
                            </div>
                        }.into_any()
                    }}
                </fieldset>
            </div>
            <TextArea id="statement" name="form[statement]" label="Your endorsement" value=typed.statement.clone()
                hint="It becomes the endorsement in the portfolio, with your name and today's date, and cannot be edited." error=error_for(errors, "statement")/>

            <h3 class="govuk-heading-m">"If not yet"</h3>
            <TextInput id="reason" name="form[reason]" label="Why not yet" value=typed.reason.clone()
                hint="One line, shown with the decision to the worker, their service manager and the panel secretariat (never in an email)." error=error_for(errors, "reason")/>
            <p class="govuk-body">"The development plan: specific actions, each with the date it is due (DEC-2). Leave rows you do not need empty."</p>
            {rows.into_iter().map(|(n, action, due)| {
                let (action_id, due_id) = (format!("action_{n}"), format!("due_{n}"));
                let action_error = error_for(errors, action_id.clone());
                let due_error = error_for(errors, due_id.clone());
                view! {
                    <div class="app-plan-row">
                        <TextInput id=action_id.clone() name=format!("form[{action_id}]") label=format!("Action {n}") value=action error=action_error/>
                        <DateInput id=due_id.clone() name=format!("form[{due_id}]") legend=format!("Action {n} is due by") value=due error=due_error/>
                    </div>
                }
            }).collect_view()}
            <button type="submit" class="govuk-button" data-module="govuk-button">"Record decision"</button>
        </form>
    }
}

fn observation_box(i: usize, o: &ObservationChoice, ticked: bool) -> impl IntoView {
    // the first box carries the group's id, so the error summary's link lands on it
    let id = if i == 0 {
        "observations".to_owned()
    } else {
        format!("observations-{}", i + 1)
    };
    view! {
        <div class="govuk-checkboxes__item">
            <input class="govuk-checkboxes__input" id=id.clone() name=format!("form[observations][{OBSERVATION_KEY}{}]", o.id) type="checkbox" value="on" checked=ticked/>
            <label class="govuk-label govuk-checkboxes__label" for=id>{format!("{} ({})", o.title, o.observed_on)}</label>
        </div>
    }
}
