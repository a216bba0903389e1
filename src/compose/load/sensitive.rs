//! Which bind-mounted files hold credentials, so that their content never reaches a ConfigMap
//! (which anyone who may read the namespace's ConfigMaps, or the repository the manifests are
//! committed to, can read). A file is judged by its name, the directories above it and, once read,
//! a few markers in its text. The table errs on the side of refusing: a refused file only costs
//! a claim or a mapping by hand, a copied one leaks the secret. It does not refuse every name
//! that contains `key` or `auth`, which would swallow ordinary configuration (`keys.conf`,
//! `auth.conf`).

/// Whole file names (lower case) that hold credentials.
const NAMES: &[(&str, &str)] = &[
    // The project's environment file: Compose reads it for interpolation, and it usually holds
    // the passwords the Compose file interpolates.
    (".env", "an environment file"),
    // Let's Encrypt account and certificate private keys (Traefik's store).
    ("acme.json", "an ACME certificate store"),
    // Registry tokens of npm, PyPI and Docker.
    (".npmrc", "an npm configuration with registry tokens"),
    (".pypirc", "a PyPI configuration with upload credentials"),
    (".dockercfg", "a Docker registry login"),
    // Passwords of PostgreSQL and of any program using netrc (curl, git, ftp).
    (".pgpass", "a PostgreSQL password file"),
    (".netrc", "a netrc password file"),
    (".htpasswd", "an htpasswd file"),
    // Cluster credentials: a client certificate or token.
    ("kubeconfig", "a kubeconfig"),
];

/// Name parts (lower case) of files that hold credentials, wherever they appear in the name.
const WORDS: &[(&str, &str)] = &[
    // `secrets.yaml`, `client_secret.json`, `db_password.txt`, `credentials`, `.git-credentials`,
    // `api-token`: the name says it.
    ("secret", "its name says it holds a secret"),
    ("password", "its name says it holds a password"),
    ("passwd", "its name says it holds a password"),
    ("credential", "its name says it holds credentials"),
    ("token", "its name says it holds a token"),
    // SSH keys: `id_rsa`, `id_ed25519`, `id_ecdsa` (their `.pub` halves go with them: both are
    // usually mounted together, and refusing one is harmless).
    ("id_rsa", "an SSH key"),
    ("id_dsa", "an SSH key"),
    ("id_ecdsa", "an SSH key"),
    ("id_ed25519", "an SSH key"),
    ("private", "its name says it is private"),
];

/// Extensions (lower case) of private keys, key stores and encrypted or signed material.
const EXTENSIONS: &[(&str, &str)] = &[
    ("key", "a private key"),
    ("pem", "a PEM file, which may hold a private key"),
    ("p12", "a PKCS #12 key store"),
    ("pfx", "a PKCS #12 key store"),
    ("jks", "a Java key store"),
    ("keystore", "a key store"),
    // PGP keys (armoured or binary) and PuTTY keys.
    ("asc", "an armoured PGP file, which may hold a private key"),
    ("gpg", "a PGP file, which may hold a private key"),
    ("ppk", "a PuTTY private key"),
    // `prod.env` and the like: environment files by another name.
    ("env", "an environment file"),
];

/// Directories (lower case) whose files are credentials.
const DIRS: &[(&str, &str)] = &[
    ("secrets", "it is in a `secrets` directory"),
    (".ssh", "it is in an SSH directory"),
    (".aws", "it is in an AWS credentials directory"),
    (".gnupg", "it is in a GnuPG directory"),
    // `.docker/config.json` holds registry logins.
    (".docker", "it is in a Docker configuration directory"),
    (".kube", "it is in a kubeconfig directory"),
];

/// Text that marks credentials inside an innocently named file (case-sensitive where the format
/// spells it one way).
const MARKERS: &[(&str, &str)] = &[
    // PEM (`-----BEGIN RSA PRIVATE KEY-----`) and PGP (`PRIVATE KEY BLOCK`).
    ("PRIVATE KEY", "a private key"),
    // WireGuard (`PrivateKey = …`) and ACME stores (`"PrivateKey": …`).
    ("PrivateKey", "a private key"),
    // npm registry tokens in an `.npmrc` by another name.
    ("_authToken", "a registry token"),
    // AWS shared credentials files.
    ("aws_secret_access_key", "an AWS secret key"),
];

/// Why the file at `path` (as written, or relative to a mounted directory) holds credentials,
/// judged by its name and its directories; `None` when nothing says so.
pub fn by_name(path: &str) -> Option<&'static str> {
    let lower = path.to_ascii_lowercase();
    let mut parts: Vec<&str> = lower
        .split(['/', '\\'])
        .filter(|c| !c.is_empty() && *c != "." && *c != "..")
        .collect();
    let file = parts.pop()?;
    if let Some((_, why)) = DIRS.iter().find(|(d, _)| parts.contains(d)) {
        return Some(why);
    }
    if let Some((_, why)) = NAMES.iter().find(|(n, _)| file == *n) {
        return Some(why);
    }
    // `.env.production`, `.env.local`, `prod.env.local`: environment files with a suffix.
    if file.starts_with(".env.") || file.contains(".env.") {
        return Some("an environment file");
    }
    if let Some((_, why)) = WORDS.iter().find(|(w, _)| file.contains(w)) {
        return Some(why);
    }
    let ext = file.rsplit_once('.').map(|(_, e)| e)?;
    EXTENSIONS
        .iter()
        .find(|(e, _)| ext == *e)
        .map(|(_, why)| *why)
}

/// Why the directory at `path` holds credentials by its name or place (`./secrets`, `./.ssh`).
pub fn dir_by_name(path: &str) -> Option<&'static str> {
    let lower = path.to_ascii_lowercase();
    let own = lower
        .split(['/', '\\'])
        .filter(|c| !c.is_empty() && *c != "." && *c != "..")
        .find_map(|c| DIRS.iter().find(|(d, _)| c == *d));
    match own {
        Some((_, why)) => Some(why),
        None => by_name(path),
    }
}

/// What in `text` marks it as credentials, if anything: one of [`MARKERS`], or a line that sets
/// a password (`PASSWORD=…`, `db_password = …`) to a value.
pub fn by_content(text: &str) -> Option<&'static str> {
    if let Some((_, why)) = MARKERS.iter().find(|(m, _)| text.contains(m)) {
        return Some(why);
    }
    text.lines()
        .any(sets_password)
        .then_some("a line that sets a password")
}

/// `KEY=value` (or `key = value`) where the key ends in `password` or `passwd`. A `key: value`
/// line is not counted: YAML configuration names its password settings that way and usually
/// fills them from the environment.
fn sets_password(line: &str) -> bool {
    let Some((key, value)) = line.split_once('=') else {
        return false;
    };
    let key = key.trim().trim_start_matches("export ").trim();
    let key = key.to_ascii_lowercase();
    let value = value.trim().trim_matches(['"', '\'']);
    (key.ends_with("password") || key.ends_with("passwd"))
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
        && !value.is_empty()
        && !value.starts_with('$')
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::{by_content, by_name};

    #[test]
    fn names() {
        for yes in [
            "./secrets/db.txt",
            "./tls/server.key",
            "./.env",
            "./.env.production",
            "./.env.local",
            "./prod.env",
            "./prod.env.local",
            "acme.json",
            "./conf/.npmrc",
            ".pypirc",
            ".pgpass",
            ".netrc",
            ".git-credentials",
            "credentials",
            "./.docker/config.json",
            ".dockercfg",
            "kubeconfig",
            "./keys/id_rsa",
            "id_ed25519",
            "id_ecdsa.pub",
            "cert.pem",
            "store.p12",
            "store.pfx",
            "app.jks",
            "app.keystore",
            "sub/signing.asc",
            "backup.gpg",
            "putty.ppk",
            "./config/db_password.txt",
            "./.ssh/config",
            "client_secret.json",
            "my-secrets.yaml",
        ] {
            assert!(by_name(yes).is_some(), "{yes}");
        }
        for no in [
            "./nginx.conf",
            "./config/app.yaml",
            "./Caddyfile",
            "./init.sql",
            "./config.json",
            "./environment.yaml",
            "./keys.conf",
            "./auth.conf",
            "./.config/a.conf",
            "./wg0.conf",
        ] {
            assert!(by_name(no).is_none(), "{no}");
        }
    }

    #[test]
    fn content() {
        for yes in [
            "-----BEGIN PGP PRIVATE KEY BLOCK-----\n",
            "-----BEGIN RSA PRIVATE KEY-----\n",
            "[Interface]\nPrivateKey = abc=\n",
            "{\"le\":{\"Account\":{\"PrivateKey\":\"x\"}}}",
            "//registry.npmjs.org/:_authToken=npm_abc\n",
            "[default]\naws_secret_access_key = x\n",
            "DB_PASSWORD=hunter2\n",
            "export PGPASSWORD='x'\n",
            "admin_password = admin\n",
        ] {
            assert!(by_content(yes).is_some(), "{yes}");
        }
        for no in [
            "server { listen 80; }\n",
            "password: ${DB_PASSWORD}\n",
            "DB_PASSWORD=\n",
            "PASSWORD=$DB_PASSWORD\n",
            "password_file = /run/secrets/db\n",
            "-----BEGIN CERTIFICATE-----\n",
        ] {
            assert!(by_content(no).is_none(), "{no}");
        }
    }
}
