//! Default ports of official images, for services that others reach by name but that declare no
//! port. Only images whose port is fixed by the image itself belong here.

/// The first port is the one a dependency wait checks; the others are Service ports too.
const TABLE: &[(&str, &[u16])] = &[
    ("redis", &[6379]),
    ("valkey", &[6379]),
    ("postgres", &[5432]),
    ("mysql", &[3306]),
    ("mariadb", &[3306]),
    ("mongo", &[27017]),
    ("memcached", &[11211]),
    ("rabbitmq", &[5672]),
    ("elasticsearch", &[9200]),
    ("opensearch", &[9200]),
    ("nats", &[4222]),
    ("zookeeper", &[2181]),
    ("cassandra", &[9042]),
    ("influxdb", &[8086]),
    ("couchdb", &[5984]),
    ("etcd", &[2379]),
    ("minio", &[9000]),
    ("clickhouse", &[8123]),
    // HTTP, then the native protocol its clients (`clickhouse-client`, most drivers) use.
    ("clickhouse-server", &[8123, 9000]),
    ("prometheus", &[9090]),
    ("grafana", &[3000]),
    ("consul", &[8500]),
    ("vault", &[8200]),
    ("kibana", &[5601]),
    // HTTP browser, then Bolt, which the drivers use.
    ("neo4j", &[7474, 7687]),
    ("ollama", &[11434]),
    ("redismod", &[6379]),
    ("keycloak", &[8080]),
    ("phpmyadmin", &[80]),
    ("wordpress", &[80]),
    ("nextcloud", &[80]),
];

/// The repository name of an image reference: `docker.io/library/redis:7.4-alpine` → `redis`.
pub fn repository(image: &str) -> &str {
    let without_digest = image.split('@').next().unwrap_or(image);
    let last = without_digest.rsplit('/').next().unwrap_or(without_digest);
    last.split(':').next().unwrap_or(last)
}

/// The ports the image listens on by default; empty when it is not in the table.
pub fn default_ports(image: &str) -> &'static [u16] {
    let repo = repository(image);
    TABLE
        .iter()
        .find(|(name, _)| *name == repo)
        .map_or(&[], |(_, p)| *p)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn finds_ports_of_official_images() {
        assert_eq!(default_ports("redis:7.4-alpine"), [6379]);
        assert_eq!(
            default_ports("docker.io/library/postgres:16@sha256:abc"),
            [5432]
        );
        assert_eq!(default_ports("registry:5000/team/mysql"), [3306]);
        assert_eq!(
            default_ports("clickhouse/clickhouse-server:25.4.2"),
            [8123, 9000]
        );
        assert!(default_ports("example/api:1").is_empty());
    }
}
