//! The place a site is deployed to, behind one interface (object_store's): an
//! S3-compatible bucket, or a folder such as a mounted web root.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::{
    Attribute, Attributes, BackoffConfig, ClientOptions, ObjectStore, PutOptions, PutPayload,
    RetryConfig,
};

use super::manifest::{Manifest, MANIFEST};
use crate::config::DeployConfig;

/// Why a deploy could not go on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// No access key in the environment or the AWS credentials file.
    NoCredentials,
    /// The service refused the access key or its secret.
    Refused(String),
    /// The bucket does not exist.
    NoBucket(String),
    /// The target folder does not exist (a web root not mounted?).
    NoFolder(PathBuf),
    /// The service could not be reached, after the retries.
    Network(String),
    /// Anything else the service or the file system said.
    Other(String),
}

/// A deploy target, opened.
pub struct Remote {
    store: Arc<dyn ObjectStore>,
    /// The folder inside the bucket (`gk`), empty for none.
    prefix: String,
    /// A bucket (files get `Content-Type` and `Cache-Control`), not a folder.
    pub bucket: Option<String>,
}

/// A setting of the environment, if set and not empty.
fn env(key: &str) -> Option<String> {
    std::env::var(key).ok().filter(|v| !v.is_empty())
}

/// The profile named by `AWS_PROFILE` (else `default`) in one of the AWS files: the
/// credentials file (`AWS_SHARED_CREDENTIALS_FILE`, default `~/.aws/credentials`,
/// sections `[name]`) or the config file (`AWS_CONFIG_FILE`, default `~/.aws/config`,
/// sections `[profile name]`, and `[default]`).
fn aws_profile(
    file_var: &str,
    file_name: &str,
    config_style: bool,
) -> Option<std::collections::HashMap<String, String>> {
    let file = env(file_var)
        .map(PathBuf::from)
        .or_else(|| env("HOME").map(|h| Path::new(&h).join(".aws").join(file_name)))?;
    let text = std::fs::read_to_string(file).ok()?;
    let mut ini = configparser::ini::Ini::new_cs();
    ini.read(text).ok()?;
    let profile = env("AWS_PROFILE").unwrap_or_else(|| "default".into());
    let section = if config_style && profile != "default" {
        format!("profile {profile}")
    } else {
        profile
    };
    let keys = ini.get_map_ref().get(&section)?;
    Some(
        keys.iter()
            .filter_map(|(k, v)| Some((k.clone(), v.clone()?)))
            .collect(),
    )
}

/// The access key, secret and session token: the environment's
/// (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), else the
/// profile's in the AWS credentials file, else in the AWS config file.
fn credentials() -> Option<(String, String, Option<String>)> {
    if let (Some(id), Some(secret)) = (env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY")) {
        return Some((id, secret, env("AWS_SESSION_TOKEN")));
    }
    [
        aws_profile("AWS_SHARED_CREDENTIALS_FILE", "credentials", false),
        aws_profile("AWS_CONFIG_FILE", "config", true),
    ]
    .into_iter()
    .flatten()
    .find_map(|mut p| {
        Some((
            p.remove("aws_access_key_id")?,
            p.remove("aws_secret_access_key")?,
            p.remove("aws_session_token"),
        ))
    })
}

/// The region: the target's in site.yaml, else `AWS_REGION` or `AWS_DEFAULT_REGION`,
/// else the profile's `region` in the AWS config file, else `us-east-1`.
fn region(t: &DeployConfig) -> String {
    t.region
        .clone()
        .or_else(|| env("AWS_REGION"))
        .or_else(|| env("AWS_DEFAULT_REGION"))
        .or_else(|| aws_profile("AWS_CONFIG_FILE", "config", true)?.remove("region"))
        .unwrap_or_else(|| "us-east-1".into())
}

/// Whether an endpoint's host is an IP address or localhost: a local test server,
/// addressed by path (`http://127.0.0.1:9000/bucket/…`).
fn local_host(endpoint: &str) -> bool {
    let rest = endpoint.split_once("://").map_or(endpoint, |(_, r)| r);
    let host = rest.split('/').next().unwrap_or("");
    let host = host.rsplit_once(':').map_or(host, |(h, _)| h);
    host == "localhost"
        || host
            .trim_matches(['[', ']'])
            .parse::<std::net::IpAddr>()
            .is_ok()
}

impl Remote {
    /// Opens a target declared in site.yaml; a folder is relative to the site.
    pub fn open(site: &Path, t: &DeployConfig) -> Result<Remote, Failure> {
        if let Some(rest) = t.url.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            let (id, secret, token) = credentials().ok_or(Failure::NoCredentials)?;
            let region = region(t);
            let mut b = AmazonS3Builder::new()
                .with_bucket_name(bucket)
                .with_region(region)
                .with_access_key_id(id)
                .with_secret_access_key(secret)
                .with_retry(RetryConfig {
                    backoff: BackoffConfig {
                        init_backoff: Duration::from_millis(200),
                        max_backoff: Duration::from_secs(5),
                        base: 2.0,
                    },
                    max_retries: 4,
                    retry_timeout: Duration::from_secs(60),
                })
                .with_client_options(
                    ClientOptions::new()
                        .with_allow_http(true)
                        .with_connect_timeout(Duration::from_secs(10))
                        .with_timeout(Duration::from_secs(120)),
                );
            if let Some(token) = token {
                b = b.with_token(token);
            }
            if let Some(endpoint) = &t.endpoint {
                let endpoint = endpoint.trim_end_matches('/');
                let by_path = t.path_style.unwrap_or_else(|| local_host(endpoint));
                if by_path {
                    b = b.with_endpoint(endpoint);
                } else {
                    // Aliyun OSS and Tencent COS address a bucket by host name only.
                    let (scheme, host) = endpoint.split_once("://").unwrap_or(("https", endpoint));
                    b = b
                        .with_endpoint(format!("{scheme}://{bucket}.{host}"))
                        .with_virtual_hosted_style_request(true);
                }
            }
            let store = b.build().map_err(|e| Failure::Other(chain(&e)))?;
            Ok(Remote {
                store: Arc::new(store),
                prefix: prefix.trim_matches('/').to_string(),
                bucket: Some(bucket.to_string()),
            })
        } else {
            let path = t.url.strip_prefix("file://").unwrap_or(&t.url);
            let dir = site.join(path);
            if !dir.is_dir() {
                return Err(Failure::NoFolder(dir));
            }
            let store =
                LocalFileSystem::new_with_prefix(&dir).map_err(|e| Failure::Other(chain(&e)))?;
            Ok(Remote {
                store: Arc::new(store),
                prefix: String::new(),
                bucket: None,
            })
        }
    }

    /// The object's key: the file's path as it is (`notices/教代会/index.html`),
    /// never percent-encoded, so that the web server finds it by its URL.
    fn path(&self, rel: &str) -> Result<object_store::path::Path, Failure> {
        let key = if self.prefix.is_empty() {
            rel.to_string()
        } else {
            format!("{}/{rel}", self.prefix)
        };
        object_store::path::Path::parse(&key)
            .map_err(|e| Failure::Other(format!("`{key}` cannot be a file's name there: {e}")))
    }

    /// The target's manifest; an empty one where there is none (a first deploy). A
    /// missing bucket, a refused key or a network failure is an error here, before
    /// anything is sent.
    pub async fn manifest(&self) -> Result<Manifest, Failure> {
        match self.store.get(&self.path(MANIFEST)?).await {
            Ok(r) => {
                let bytes = r.bytes().await.map_err(|e| self.failure(&e))?;
                Manifest::parse(&bytes).map_err(|e| {
                    Failure::Other(format!("{MANIFEST} on the target cannot be read: {e}"))
                })
            }
            Err(object_store::Error::NotFound { .. }) => {
                // No manifest, or no bucket: listing tells which.
                let prefix = (!self.prefix.is_empty())
                    .then(|| object_store::path::Path::parse(&self.prefix).ok())
                    .flatten();
                match self.store.list_with_delimiter(prefix.as_ref()).await {
                    Ok(_) => Ok(Manifest::default()),
                    Err(e) => Err(self.failure(&e)),
                }
            }
            Err(e) => Err(self.failure(&e)),
        }
    }

    /// Sends one file.
    pub async fn put(&self, rel: &str, bytes: Vec<u8>) -> Result<(), Failure> {
        let mut attributes = Attributes::new();
        if self.bucket.is_some() {
            attributes.insert(
                Attribute::ContentType,
                crate::emit::content_type(rel).into(),
            );
            attributes.insert(
                Attribute::CacheControl,
                super::headers::cache_control(rel).into(),
            );
        }
        let opts = PutOptions {
            attributes,
            ..PutOptions::default()
        };
        self.store
            .put_opts(&self.path(rel)?, PutPayload::from(bytes), opts)
            .await
            .map(|_| ())
            .map_err(|e| self.failure(&e))
    }

    /// Deletes one file; one already gone is not an error.
    pub async fn delete(&self, rel: &str) -> Result<(), Failure> {
        match self.store.delete(&self.path(rel)?).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(self.failure(&e)),
        }
    }

    /// Writes the manifest: the last step of a deploy.
    pub async fn put_manifest(&self, m: &Manifest) -> Result<(), Failure> {
        self.put(MANIFEST, m.to_text().into_bytes()).await
    }

    /// What an error of the store means for the user.
    fn failure(&self, e: &object_store::Error) -> Failure {
        let text = chain(e);
        let bucket = self.bucket.clone().unwrap_or_default();
        let refused = [
            "InvalidAccessKeyId",
            "SignatureDoesNotMatch",
            "AccessDenied",
            "Forbidden",
        ];
        match e {
            _ if text.contains("NoSuchBucket") => Failure::NoBucket(bucket),
            object_store::Error::PermissionDenied { .. }
            | object_store::Error::Unauthenticated { .. } => Failure::Refused(text),
            _ if refused.iter().any(|r| text.contains(r)) => Failure::Refused(text),
            object_store::Error::NotFound { .. } if self.bucket.is_some() => {
                Failure::NoBucket(bucket)
            }
            _ if text.contains("error sending request")
                || text.contains("connect")
                || text.contains("timed out")
                || text.contains("dns error") =>
            {
                Failure::Network(text)
            }
            _ => Failure::Other(text),
        }
    }
}

/// An error with its causes, one after the other.
fn chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let s_text = s.to_string();
        if !msg.contains(&s_text) {
            msg = format!("{msg}: {s_text}");
        }
        source = s.source();
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_endpoint_is_addressed_by_path() {
        assert!(local_host("http://127.0.0.1:9000"));
        assert!(local_host("http://localhost:9000/"));
        assert!(!local_host("https://oss-cn-hangzhou.aliyuncs.com"));
    }
}
