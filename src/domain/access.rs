//! Who may do what: the acting account, its role and the jurisdiction it may write in.
//! Pure: who the account is and what it was granted come from the store; these rules decide.

/// A refusal: who may not do what, in words for the person refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Denied(pub String);

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

    /// `may_write`, with the reason when not.
    pub fn check_write(&self, code: &str) -> Result<(), Denied> {
        if self.may_write(code) {
            Ok(())
        } else {
            Err(Denied(match self.role {
                UserRole::Viewer => format!("{} is a viewer (read only)", self.name),
                _ => format!(
                    "{} may edit only within {}, not {}",
                    self.name,
                    self.scope.as_deref().unwrap_or("-"),
                    code
                ),
            }))
        }
    }

    /// Whether the actor is an admin, with the reason when not.
    pub fn check_admin(&self) -> Result<(), Denied> {
        if self.role == UserRole::Admin {
            Ok(())
        } else {
            Err(Denied(format!("{} is not an admin", self.name)))
        }
    }
}
