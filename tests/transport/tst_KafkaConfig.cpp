// KafkaConfig: -X parsing, secrets never appear in dumps, saved settings or error texts, and the
// properties really reach librdkafka (-X overrides our defaults).

#include <QTest>

#include <librdkafka/rdkafka.h>

#include "transport/KafkaConfig.h"

using wt::transport::KafkaConfig;

class tst_KafkaConfig : public QObject {
    Q_OBJECT
private slots:
    void parsesAssignments();
    void recognisesSecrets();
    void redactsSecretsInDumpAndSettings();
    void errorsNeverEchoSecrets();
    void passesPropertiesThroughAndOverridesDefaults();
};

void tst_KafkaConfig::parsesAssignments()
{
    KafkaConfig c;
    QVERIFY(c.addProperty("security.protocol=SASL_SSL"));
    QVERIFY(c.addProperty("sasl.jaas=a=b=c")); // only the first '=' splits
    QVERIFY(c.addProperty("security.protocol=SSL")); // last one wins
    QString error;
    QVERIFY(!c.addProperty("novalue", &error));
    QVERIFY(!error.contains(QLatin1String("novalue")));
    QVERIFY(!c.addProperty("=x"));
    QCOMPARE(c.properties.size(), std::size_t(2));
    QCOMPARE(c.properties[0].second, std::string("SSL"));
    QCOMPARE(c.properties[1].second, std::string("a=b=c"));
}

void tst_KafkaConfig::recognisesSecrets()
{
    for (const char* key : {"sasl.password", "ssl.key.password", "ssl.keystore.password", "SASL.PASSWORD",
                            "sasl.oauthbearer.client.secret", "my.secret.thing", "ssl.key.pem", "sasl.oauthbearer.config"})
        QVERIFY2(KafkaConfig::isSecret(key), key);
    for (const char* key : {"sasl.username", "security.protocol", "ssl.ca.location", "bootstrap.servers"})
        QVERIFY2(!KafkaConfig::isSecret(key), key);
}

void tst_KafkaConfig::redactsSecretsInDumpAndSettings()
{
    KafkaConfig c;
    c.brokers = "127.0.0.1:9092";
    QVERIFY(c.addProperty("sasl.username=alice"));
    QVERIFY(c.addProperty("sasl.password=hunter2-top"));
    QVERIFY(c.addProperty("ssl.key.password=k3y-pass"));
    QVERIFY(c.addProperty("sasl.oauthbearer.client.secret=s3cr3t"));
    const QString dump = c.redactedDump();
    const QString settings = c.redactedProperties().join(QLatin1Char(';'));
    for (const QString& text : {dump, settings}) {
        for (const char* secret : {"hunter2-top", "k3y-pass", "s3cr3t"})
            QVERIFY2(!text.contains(QLatin1String(secret)), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("sasl.password=***")));
        QVERIFY(text.contains(QLatin1String("sasl.username=alice")));
    }
    QVERIFY(dump.contains(QLatin1String("bootstrap.servers=127.0.0.1:9092")));
}

void tst_KafkaConfig::errorsNeverEchoSecrets()
{
    rd_kafka_conf_t* conf = nullptr;
    QString error;
    KafkaConfig s;
    QVERIFY(s.addProperty("enable.idempotence=hunter2")); // an invalid bool, not secret
    QVERIFY(s.addProperty("client.secret.unknown=hunter3")); // unknown property, secret name
    conf = rd_kafka_conf_new();
    QVERIFY(!s.applyProducer(conf, &error));
    rd_kafka_conf_destroy(conf);
    QVERIFY(error.contains(QLatin1String("enable.idempotence")));
    KafkaConfig t;
    QVERIFY(t.addProperty("client.secret.unknown=hunter3"));
    conf = rd_kafka_conf_new();
    QVERIFY(!t.applyProducer(conf, &error));
    rd_kafka_conf_destroy(conf);
    QVERIFY2(!error.contains(QLatin1String("hunter3")), qPrintable(error));
    QVERIFY(error.contains(QLatin1String("client.secret.unknown")));
}

void tst_KafkaConfig::passesPropertiesThroughAndOverridesDefaults()
{
    KafkaConfig c;
    c.brokers = "127.0.0.1:1";
    QVERIFY(c.addProperty("linger.ms=77"));
    QVERIFY(c.addProperty("compression.type=zstd"));
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    QString error;
    QVERIFY2(c.applyProducer(conf, &error), qPrintable(error));
    auto get = [&](const char* key) {
        char buf[512];
        size_t size = sizeof buf;
        return rd_kafka_conf_get(conf, key, buf, &size) == RD_KAFKA_CONF_OK ? QString::fromUtf8(buf) : QString();
    };
    QCOMPARE(get("linger.ms"), QStringLiteral("77"));
    QCOMPARE(get("compression.type"), QStringLiteral("zstd"));
    QCOMPARE(get("enable.idempotence"), QStringLiteral("true"));
    QCOMPARE(get("bootstrap.servers"), QStringLiteral("127.0.0.1:1"));
    QCOMPARE(get("queue.buffering.max.messages"), QStringLiteral("200000"));
    rd_kafka_conf_destroy(conf);
}

QTEST_GUILESS_MAIN(tst_KafkaConfig)
#include "tst_KafkaConfig.moc"
