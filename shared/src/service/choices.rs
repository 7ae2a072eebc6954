//! One consent, several accounts: the Facebook Pages a person manages, the LinkedIn
//! organisation Pages they administer, the YouTube channels of the Google account. The
//! person chooses which become connections on our page; until then the grant waits
//! sealed, single use, for the OAuth state's lifetime at most. Nothing is saved before
//! the choice, and a choice not made in time is discarded.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::accounts::{save_account, Consent, Outcome, Saved};
use super::acting::Acting;
use crate::crypto::{constant_time_eq, random_url_safe, sha256_hex, SealContext, SealingKey};
use crate::domain::Landing;
use crate::domain::{Platform, WorkspaceId};
use crate::error::AppError;
use crate::oauth::{Candidate, Granted, PlatformProfile, PlatformTokens};
use crate::state::AppState;
use crate::store::{ChoiceAccount, OAuthState, PendingChoice};

const GRANT_FIELD: &str = "grant";

/// The tokens of a pending choice: the person's, and each account's own (Facebook
/// Pages publish with theirs).
#[derive(Serialize, Deserialize)]
struct SealedGrant {
    tokens: PlatformTokens,
    own_tokens: BTreeMap<String, String>,
}

pub(crate) fn grant_context<'a>(
    workspace: &'a WorkspaceId,
    choice_hash: &'a str,
) -> SealContext<'a> {
    SealContext {
        workspace_id: workspace.as_str(),
        item_id: choice_hash,
        field: GRANT_FIELD,
    }
}

/// Keeps the accounts of a consent for the person to choose from; returns the token
/// the choosing browser holds (in a cookie).
pub(crate) async fn offer(
    state: &AppState,
    key: &SealingKey,
    pending: &OAuthState,
    consent: &Consent,
    candidates: &[Candidate],
    granted: &Granted,
) -> Result<String, AppError> {
    let token = random_url_safe();
    let hash = sha256_hex(&token);
    let sealed = SealedGrant {
        tokens: granted.tokens.clone(),
        own_tokens: candidates
            .iter()
            .filter_map(|candidate| {
                candidate
                    .own_token
                    .clone()
                    .map(|own| (candidate.profile.account_id.clone(), own))
            })
            .collect(),
    };
    let plaintext = serde_json::to_string(&sealed).map_err(AppError::internal)?;
    let choice = PendingChoice {
        workspace_id: consent.workspace.clone(),
        platform: consent.platform,
        actor: pending.actor.clone(),
        owner: consent.owner.clone(),
        landing: pending.landing,
        accounts: candidates
            .iter()
            .map(|candidate| ChoiceAccount {
                account_id: candidate.profile.account_id.clone(),
                display_name: candidate.profile.display_name.clone(),
                avatar_url: candidate.profile.avatar_url.clone(),
                unavailable: candidate.unavailable.clone(),
            })
            .collect(),
        sealed_grant: key
            .seal(&plaintext, &grant_context(&consent.workspace, &hash))
            .map_err(AppError::internal)?,
        scopes: granted.scopes.clone(),
        issued_at: granted.issued_at,
        access_expires_at: granted.access_expires_at,
        refresh_expires_at: granted.refresh_expires_at,
        csrf: random_url_safe(),
        second_factor_at: pending.second_factor_at,
        // No longer than the consent it came from was allowed to take.
        expires_at: pending.expires_at,
    };
    state.store.put_choice(&hash, &choice).await?;
    tracing::info!(
        platform = consent.platform.as_str(),
        accounts = candidates.len(),
        "accounts offered for a choice"
    );
    Ok(token)
}

/// What the choice page shows.
pub struct ChoiceView {
    pub platform: Platform,
    pub workspace_name: String,
    /// The workspace's logo and accent colour: the page wears its brand.
    pub logo_url: Option<String>,
    pub accent_colour: Option<String>,
    pub accounts: Vec<ChoiceAccount>,
    pub csrf: String,
}

/// The accounts waiting for the choosing browser's choice.
pub async fn view(state: &AppState, token: Option<&str>) -> Result<ChoiceView, AppError> {
    let (_, choice) = live_choice(state, token).await?;
    let workspace = state
        .store
        .workspace(&choice.workspace_id)
        .await?
        .ok_or(AppError::WorkspaceNotFound)?;
    Ok(ChoiceView {
        platform: choice.platform,
        workspace_name: workspace.workspace.name.to_string(),
        logo_url: workspace
            .workspace
            .logo_url
            .map(|logo| logo.as_str().to_owned()),
        accent_colour: workspace.workspace.accent_colour.map(String::from),
        accounts: choice.accounts,
        csrf: choice.csrf,
    })
}

/// What the person decided on the choice page.
pub enum Decision {
    Connect(Vec<String>),
    Cancel,
}

/// How a choice ended, for the page the person lands on.
pub struct Chosen {
    pub landing: Landing,
    pub workspace: WorkspaceId,
    pub platform: Platform,
    pub outcome: Outcome,
    /// How many accounts were connected.
    pub connected: usize,
}

/// Connects the accounts chosen (each one its own connection), or none when the person
/// cancels. Single use: a second submit, or one after the OAuth state's lifetime, saves
/// nothing.
pub async fn decide(
    state: &AppState,
    token: Option<&str>,
    csrf: &str,
    decision: Decision,
) -> Result<Chosen, AppError> {
    let (hash, choice) = live_choice(state, token).await?;
    if !constant_time_eq(csrf, &choice.csrf) {
        return Err(AppError::InvalidToken(
            "the form is stale: reload the page and try again".into(),
        ));
    }
    let chosen: Vec<&ChoiceAccount> = match &decision {
        Decision::Cancel => Vec::new(),
        Decision::Connect(ids) => {
            let chosen: Vec<&ChoiceAccount> = choice
                .accounts
                .iter()
                .filter(|account| {
                    account.unavailable.is_none() && ids.contains(&account.account_id)
                })
                .collect();
            // Checked before the choice is used up, so the person can try again.
            if chosen.is_empty() || chosen.len() != ids.len() {
                return Err(AppError::InvalidBody(
                    "choose at least one of the accounts offered, or cancel".into(),
                ));
            }
            chosen
        }
    };
    if !state.store.consume_choice(&hash).await? {
        return Err(AppError::ChoiceExpired);
    }
    let ended = |outcome, connected| Chosen {
        landing: choice.landing,
        workspace: choice.workspace_id.clone(),
        platform: choice.platform,
        outcome,
        connected,
    };
    if chosen.is_empty() {
        tracing::info!(
            platform = choice.platform.as_str(),
            "choice cancelled; nothing connected"
        );
        return Ok(ended(Outcome::Cancelled, 0));
    }
    // The person may have been removed, their client deleted or two-factor sign-in
    // required, meanwhile.
    let acting = match Acting::resolve(state, &choice.actor, &choice.workspace_id).await {
        Ok(acting)
            if acting.still_connects_for(&choice.owner, choice.platform)
                && acting
                    .require_second_factor(choice.second_factor_at)
                    .is_ok() =>
        {
            acting
        }
        Ok(_) => return Ok(ended(Outcome::NotAllowed, 0)),
        Err(error) if error.is_internal() => return Err(error),
        Err(_) => return Ok(ended(Outcome::NotAllowed, 0)),
    };
    let key = state.secrets.sealing_key().await?;
    let plaintext = key
        .open(
            &choice.sealed_grant,
            &grant_context(&choice.workspace_id, &hash),
        )
        .map_err(AppError::internal)?;
    let sealed: SealedGrant = serde_json::from_str(&plaintext).map_err(AppError::internal)?;
    let granted = Granted {
        tokens: sealed.tokens,
        issued_at: choice.issued_at,
        access_expires_at: choice.access_expires_at,
        refresh_expires_at: choice.refresh_expires_at,
        scopes: choice.scopes.clone(),
    };
    let consent = Consent {
        workspace: choice.workspace_id.clone(),
        platform: choice.platform,
        owner: choice.owner.clone(),
        connected_by: acting.user_id(),
        renewal: crate::oauth::PlatformSpec::for_platform(
            choice.platform,
            &state.config.oauth.platforms,
        )
        .renewal,
        shared_grant: (chosen.len() > 1).then(crate::domain::GrantId::generate),
    };
    let mut connected = 0;
    let mut refused = None;
    for account in chosen {
        let candidate = Candidate {
            profile: PlatformProfile {
                account_id: account.account_id.clone(),
                display_name: account.display_name.clone(),
                avatar_url: account.avatar_url.clone(),
            },
            own_token: sealed.own_tokens.get(&account.account_id).cloned(),
            unavailable: None,
        };
        match save_account(state, key, &consent, None, &candidate, &granted).await? {
            Saved::Connected(_) => connected += 1,
            Saved::Refused(outcome) => refused = Some(outcome),
        }
    }
    tracing::info!(
        platform = choice.platform.as_str(),
        connected,
        "accounts chosen"
    );
    Ok(match (connected, refused) {
        (0, Some(outcome)) => ended(outcome, 0),
        (count, _) => ended(Outcome::Connected, count),
    })
}

/// The choice behind the browser's token, if it is still there and in time.
async fn live_choice(
    state: &AppState,
    token: Option<&str>,
) -> Result<(String, PendingChoice), AppError> {
    let hash = sha256_hex(token.ok_or(AppError::ChoiceExpired)?);
    let now = state.clock.now();
    let choice = state
        .store
        .choice(&hash)
        .await?
        .filter(|choice| now < choice.expires_at)
        .ok_or(AppError::ChoiceExpired)?;
    Ok((hash, choice))
}
