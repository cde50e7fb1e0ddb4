// Interoperability with Debian's kcat as an outside Kafka client: kcat reads what WikiTide
// produced, and WikiTide consumes what kcat produced (our schema, and raw recentchange JSON).

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QTest>

#include "support/KafkaHarness.h"
#include "transport/EmbeddedBroker.h"
#include "transport/EventCodec.h"
#include "transport/KafkaSink.h"
#include "transport/KafkaSource.h"

using namespace wt;
using namespace wt::transport;

class tst_KafkaKcat : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void kcatReadsWhatWeProduce();
    void weConsumeOurSchemaProducedByKcat();
    void weConsumeRawRecentchangeProducedByKcat();

private:
    QByteArray kcat(const QStringList& args, int* exitCode);
    QString m_kcat;
};

void tst_KafkaKcat::initTestCase()
{
    m_kcat = QStandardPaths::findExecutable(QStringLiteral("kcat"));
    if (m_kcat.isEmpty())
        QSKIP("kcat is not installed (Debian package kcat; test.sh installs it)");
}

QByteArray tst_KafkaKcat::kcat(const QStringList& args, int* exitCode)
{
    QProcess p;
    p.start(m_kcat, args);
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
    }
    *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    if (*exitCode != 0)
        qWarning("kcat %s: %s", qPrintable(args.join(' ')), p.readAllStandardError().constData());
    return p.readAllStandardOutput();
}

void tst_KafkaKcat::kcatReadsWhatWeProduce()
{
    EmbeddedBroker broker(1);
    QVERIFY(broker.createTopic("to-kcat", 3));
    KafkaConfig config;
    config.brokers = broker.bootstraps();
    config.topic = "to-kcat";
    const auto events = test::recordingEvents(QStringLiteral("electricsql_rag.ndjson"));
    KafkaSink sink(config);
    QVERIFY(sink.start());
    sink.publishBatch(events);
    QCOMPARE(sink.flush(10000), 0);

    int rc = 0;
    const QByteArray out = kcat({"-b", QString::fromStdString(config.brokers), "-C", "-t", "to-kcat", "-e", "-q",
                                 "-f", "%k\t%h\t%s\n"}, &rc);
    QCOMPARE(rc, 0);
    const auto lines = out.trimmed().split('\n');
    QCOMPARE(lines.size(), qsizetype(events.size()));
    std::map<std::string, const event::EditEvent*> byId;
    for (const auto& e : events)
        byId[e.metaId] = &e;
    for (const QByteArray& line : lines) {
        const auto fields = line.split('\t');
        QCOMPARE(fields.size(), qsizetype(3));
        QCOMPARE(fields[1], QByteArray("wikitide-schema=1"));
        const QJsonObject obj = QJsonDocument::fromJson(fields[2]).object();
        const auto it = byId.find(obj.value("meta_id").toString().toStdString());
        QVERIFY(it != byId.end());
        QCOMPARE(fields[0].toStdString(), it->second->wiki); // key = wiki
        QCOMPARE(obj.value("title").toString().toStdString(), it->second->title);
        QCOMPARE(obj.value("user").toString().toStdString(), it->second->user);
        QCOMPARE(obj.value("delta").toInt(), it->second->delta);
        QCOMPARE(obj.value("project").toString().toStdString(), it->second->project);
        byId.erase(it);
    }
    QVERIFY(byId.empty());
}

void tst_KafkaKcat::weConsumeOurSchemaProducedByKcat()
{
    EmbeddedBroker broker(1);
    QVERIFY(broker.createTopic("from-kcat", 3));
    KafkaConfig config;
    config.brokers = broker.bootstraps();
    config.topic = "from-kcat";
    const auto events = test::recordingEvents(QStringLiteral("visaalpathak_streaming_kafka.ndjson"));
    QTemporaryFile file;
    QVERIFY(file.open());
    for (const auto& e : events)
        file.write(QByteArray::fromStdString(e.wiki + '\t' + EventCodec::encode(e) + '\n'));
    file.close();

    auto* source = new KafkaSource(config);
    source->setStartTimeMs(0);
    test::SourceRunner runner(source);
    runner.start();
    int rc = 0;
    kcat({"-P", "-b", QString::fromStdString(config.brokers), "-t", "from-kcat", "-K", "\t", "-l", file.fileName()}, &rc);
    QCOMPARE(rc, 0);
    QVERIFY(runner.waitForEvents(events.size(), 20000));
    QTest::qWait(300);
    runner.stop();
    const QString verdict = test::exactlyOnce(events, runner.events);
    QVERIFY2(verdict.isEmpty(), qPrintable(verdict));
}

void tst_KafkaKcat::weConsumeRawRecentchangeProducedByKcat()
{
    EmbeddedBroker broker(1);
    QVERIFY(broker.createTopic("raw", 2));
    KafkaConfig config;
    config.brokers = broker.bootstraps();
    config.topic = "raw";
    auto* source = new KafkaSource(config);
    source->setStartTimeMs(0);
    test::SourceRunner runner(source);
    runner.start();
    // The recording as it is: one raw recentchange event per line, as any stream tool writes it.
    int rc = 0;
    kcat({"-P", "-b", QString::fromStdString(config.brokers), "-t", "raw", "-l",
          test::dataPath(QStringLiteral("dataplumbhub.ndjson"))}, &rc);
    QCOMPARE(rc, 0);
    const auto expected = test::recordingEvents(QStringLiteral("dataplumbhub.ndjson")); // same ingest chain
    QCOMPARE(expected.size(), std::size_t(145));
    QVERIFY(runner.waitForEvents(expected.size(), 20000));
    QTest::qWait(300);
    runner.stop();
    const QString verdict = test::exactlyOnce(expected, runner.events);
    QVERIFY2(verdict.isEmpty(), qPrintable(verdict));
    QCOMPARE(runner.counters.rawEvents, expected.size());
    QCOMPARE(runner.counters.badMessages, 0u);
}

QTEST_GUILESS_MAIN(tst_KafkaKcat)
#include "tst_KafkaKcat.moc"
