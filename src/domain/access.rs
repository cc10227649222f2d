//! Who may do what: the acting account, its role and the jurisdiction it may write in.
//! Pure: who the account is and what it was granted come from the store; these rules decide.

use crate::domain::evaluation::EvalStatus;
use crate::domain::sheet::StatusChange;

/// A refusal: who may not do what. A structured fact; `i18n::errors::denied` words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Denied {
    /// The account is a viewer and writes nothing.
    Viewer {
        /// The account.
        name: String,
    },
    /// An editor outside its jurisdiction.
    OutOfScope {
        /// The account.
        name: String,
        /// Its jurisdiction ("-" when it has none).
        scope: String,
        /// The division it tried to write.
        code: String,
    },
    /// Only an admin may do this.
    NotAdmin {
        /// The account.
        name: String,
    },
    /// Only an admin may make this change of a sheet's status.
    AdminOnlyChange {
        /// The account.
        name: String,
        /// The change it tried.
        change: StatusChange,
    },
    /// Scores change only on a draft.
    SheetNotDraft {
        /// The sheet's status (submitted or locked).
        status: EvalStatus,
        /// Which sheet, when more than the one at hand could be meant (year, phase, division).
        sheet: Option<(i32, String, String)>,
    },
    /// The database was opened read-only, or SQLite can only read it.
    ReadOnlyDatabase,
    /// `--as` from an account that is not the service account.
    AsNotService {
        /// The service account recorded, if any.
        service: Option<String>,
        /// The account actually running.
        real: String,
    },
    /// A score outside the account's part of a sheet split among scorer roles.
    NotYourPart {
        /// The account.
        name: String,
        /// The item it tried to change (empty when the parts are unknown).
        item: String,
        /// Whose part the item is.
        part: Option<super::policy::ScorerRole>,
        /// The account's scorer role, if it has one.
        scorer: Option<super::policy::ScorerRole>,
    },
    /// No sgz account of this name.
    NoAccount {
        /// The account name.
        name: String,
        /// The admins who could grant one.
        admins: Vec<String>,
    },
}

/// A role granted to an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UserRole {
    /// Reads everything, writes nothing.
    Viewer,
    /// Writes under the division code of its scope.
    Editor,
    /// Writes everywhere, manages users and locks evaluations.
    Admin,
}

impl UserRole {
    /// The role as stored and typed on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            UserRole::Viewer => "viewer",
            UserRole::Editor => "editor",
            UserRole::Admin => "admin",
        }
    }
    /// The role named by `as_str`'s spelling.
    pub fn parse(s: &str) -> Option<UserRole> {
        [UserRole::Viewer, UserRole::Editor, UserRole::Admin]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

/// Who is acting: the account, its role and the jurisdiction it may write in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The account name.
    pub name: String,
    /// What the account was granted.
    pub role: UserRole,
    /// Division code; None means everywhere (admins).
    pub scope: Option<String>,
}

impl Actor {
    /// The actor used by setup commands before any user exists (init, demo).
    pub fn system(name: &str) -> Actor {
        Actor {
            name: name.to_string(),
            role: UserRole::Admin,
            scope: None,
        }
    }

    /// May this actor write data belonging to division `code`?
    pub fn may_write(&self, code: &str) -> bool {
        match self.role {
            UserRole::Admin => true,
            UserRole::Editor => self.scope.as_deref().is_some_and(|s| code.starts_with(s)),
            UserRole::Viewer => false,
        }
    }

    /// May this actor read the personal data (names, birth dates, certificates, scores) of
    /// division `code`? Only within its grant: an admin everywhere, an editor or a viewer
    /// under the scope it was granted (a viewer granted without a scope reads everywhere).
    /// Counts and coverage of other regions stay readable for comparison; this rule is for
    /// people and their scores. The TUI and every command ask this one function.
    pub fn may_read_personal(&self, code: &str) -> bool {
        match (&self.role, self.scope.as_deref()) {
            (UserRole::Admin, _) | (_, None) => true,
            (_, Some(s)) => code.starts_with(s),
        }
    }

    /// `may_write`, with the reason when not.
    pub fn check_write(&self, code: &str) -> Result<(), Denied> {
        if self.may_write(code) {
            Ok(())
        } else {
            Err(match self.role {
                UserRole::Viewer => Denied::Viewer {
                    name: self.name.clone(),
                },
                _ => Denied::OutOfScope {
                    name: self.name.clone(),
                    scope: self.scope.clone().unwrap_or_else(|| "-".into()),
                    code: code.to_string(),
                },
            })
        }
    }

    /// Whether the actor is an admin, with the reason when not.
    pub fn check_admin(&self) -> Result<(), Denied> {
        if self.role == UserRole::Admin {
            Ok(())
        } else {
            Err(Denied::NotAdmin {
                name: self.name.clone(),
            })
        }
    }
}
