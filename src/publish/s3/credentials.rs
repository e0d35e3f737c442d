//! The keys an S3 publish signs with, found where every S3 tool looks, never in
//! `site.toml` (which is committed and published with the site's sources):
//!
//! 1. `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (and `AWS_SESSION_TOKEN`);
//! 2. else the profile `AWS_PROFILE` (default `default`) of the credentials file
//!    `AWS_SHARED_CREDENTIALS_FILE` (default `~/.aws/credentials`).

use std::path::PathBuf;

use super::sigv4::Credentials;

/// The credentials, or a message saying where they were looked for.
pub fn load() -> Result<Credentials, String> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    if let (Some(access_key), Some(secret_key)) =
        (env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY"))
    {
        return Ok(Credentials {
            access_key,
            secret_key,
            session_token: env("AWS_SESSION_TOKEN"),
        });
    }
    let profile = env("AWS_PROFILE").unwrap_or_else(|| "default".into());
    let file = env("AWS_SHARED_CREDENTIALS_FILE")
        .map(PathBuf::from)
        .or_else(|| env("HOME").map(|home| PathBuf::from(home).join(".aws/credentials")));
    let missing = || {
        format!(
            "no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give the \
             profile `{profile}` in {} (AWS_PROFILE and AWS_SHARED_CREDENTIALS_FILE choose \
             others); site.toml never holds them",
            file.as_ref()
                .map_or("~/.aws/credentials".into(), |f| f.display().to_string())
        )
    };
    let Some(path) = file.as_ref() else {
        return Err(missing());
    };
    let Ok(text) = std::fs::read_to_string(path) else {
        return Err(missing());
    };
    from_profile(&text, &profile).ok_or_else(missing)
}

/// The credentials of `[profile]` in the INI text of a credentials file.
pub fn from_profile(text: &str, profile: &str) -> Option<Credentials> {
    let mut inside = false;
    let (mut access_key, mut secret_key, mut session_token) = (None, None, None);
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('#') || line.starts_with(';') || line.is_empty() {
            continue;
        }
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            inside = section.trim() == profile;
            continue;
        }
        let Some((key, value)) = line.split_once('=').filter(|_| inside) else {
            continue;
        };
        let value = Some(value.trim().to_string());
        match key.trim() {
            "aws_access_key_id" => access_key = value,
            "aws_secret_access_key" => secret_key = value,
            "aws_session_token" => session_token = value,
            _ => {}
        }
    }
    Some(Credentials {
        access_key: access_key?,
        secret_key: secret_key?,
        session_token,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_is_read_from_its_section_only() {
        let text = "[default]\naws_access_key_id = A\naws_secret_access_key = S\n\n\
                    [news]\n# the desk's\naws_access_key_id=B\naws_secret_access_key=T\n\
                    aws_session_token = X\n";
        let news = from_profile(text, "news").unwrap();
        assert_eq!(
            (news.access_key.as_str(), news.secret_key.as_str()),
            ("B", "T")
        );
        assert_eq!(news.session_token.as_deref(), Some("X"));
        assert_eq!(from_profile(text, "default").unwrap().access_key, "A");
        assert!(from_profile(text, "other").is_none());
    }
}
