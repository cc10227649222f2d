//! Administration from the command line: users, audit, backup, restore.

use std::path::Path;

use crate::cli::{AuditArgs, Format, UsersCmd};
use crate::commands::{table_out, Ctx};
use crate::domain::text::escape;
use crate::error::{parse_date, Error, Result};
use crate::io::width::pad;
use crate::store::UserRole;

pub fn users(ctx: &Ctx, cmd: &UsersCmd) -> Result<()> {
    let mut store = ctx.open()?;
    match cmd {
        UsersCmd::List => {
            let _ = ctx.actor(&store)?;
            let service = store.meta("service_account")?;
            for (name, role, scope) in store.users()? {
                println!(
                    "{} {} {}",
                    pad(&escape(&name), 16),
                    pad(role.as_str(), 8),
                    escape(scope.as_deref().unwrap_or("*"))
                );
            }
            if let Some(s) = service {
                println!("# service account: {}", escape(&s));
            }
        }
        UsersCmd::Grant { name, role, scope } => {
            let actor = ctx.actor(&store)?;
            let role = UserRole::parse(role).ok_or_else(|| {
                Error::Invalid(format!(
                    "role must be viewer, editor or admin, not {role:?}"
                ))
            })?;
            if let Some(code) = scope {
                let net_tree = store.load_tree()?;
                if net_tree.find(code).is_none() {
                    return Err(Error::UnknownScope {
                        query: code.clone(),
                        hints: vec![],
                    });
                }
            }
            store.grant(&actor, name, role, scope.as_deref())?;
            eprintln!(
                "{name}: {} {}",
                role.as_str(),
                scope.as_deref().unwrap_or("*")
            );
        }
        UsersCmd::Revoke { name } => {
            let actor = ctx.actor(&store)?;
            if !store.revoke(&actor, name)? {
                return Err(Error::Invalid(format!("{name} had no grant")));
            }
            eprintln!("{name}: revoked");
        }
        UsersCmd::ServiceAccount { account } => {
            let actor = ctx.actor(&store)?;
            store.set_service_account(&actor, account)?;
            eprintln!("service account: {account}");
        }
    }
    Ok(())
}

pub fn audit(ctx: &Ctx, a: &AuditArgs) -> Result<()> {
    let store = ctx.open()?;
    let _ = ctx.actor(&store)?;
    let since = a
        .since
        .as_deref()
        .map(parse_date)
        .transpose()?
        .map(|d| d.to_string());
    let rows = store.audit(
        since.as_deref(),
        a.user.as_deref(),
        a.within.as_deref(),
        a.limit,
    )?;
    let header = [
        "id",
        "at",
        "user",
        "action",
        "entity",
        "entity_id",
        "scope",
        "field",
        "old",
        "new",
    ];
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                r.at.clone(),
                r.user.clone(),
                r.action.clone(),
                r.entity.clone(),
                r.entity_id.clone(),
                r.scope.clone().unwrap_or_default(),
                r.field.clone().unwrap_or_default(),
                r.old.clone().unwrap_or_default(),
                r.new.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let text = match a.format {
        Format::Table => table
            .iter()
            .map(|r| r.iter().map(|c| escape(c).into_owned()).collect::<Vec<_>>())
            .map(|r| {
                format!(
                    "{} {} {} {} {}:{} {} {} → {}\n",
                    pad(&r[1], 24),
                    pad(&r[2], 12),
                    pad(&r[3], 18),
                    r[6],
                    r[4],
                    r[5],
                    r[7],
                    if r[8].is_empty() { "∅" } else { &r[8] },
                    if r[9].is_empty() { "∅" } else { &r[9] }
                )
            })
            .collect(),
        f => table_out(&header, table, f)?,
    };
    print!("{text}");
    Ok(())
}

pub fn backup(ctx: &Ctx, file: &Path) -> Result<()> {
    let store = ctx.open()?;
    let _ = ctx.actor(&store)?;
    if file.exists() {
        return Err(Error::Invalid(format!(
            "{} exists; choose a new file",
            file.display()
        )));
    }
    store.backup_to(file)?;
    eprintln!("backup written to {}", file.display());
    Ok(())
}

pub fn restore(ctx: &Ctx, file: &Path) -> Result<()> {
    // Check the file before opening (and so possibly creating) anything.
    let n = crate::store::Store::check_restorable(file)?;
    let mut store = ctx.open()?;
    let actor = ctx.actor(&store)?;
    store.restore_from(&actor, file)?;
    eprintln!(
        "restored {} ({n} divisions) into {}",
        file.display(),
        ctx.db.display()
    );
    Ok(())
}
