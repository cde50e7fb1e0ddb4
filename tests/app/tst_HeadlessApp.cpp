#include "support/Recordings.h"
#include "support/SseTestServer.h"
#include "support/TestData.h"
#include "wikitide/Version.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace wt;

namespace {

struct Outcome {
    int exitCode = -1;
    bool crashed = false;
    QList<QJsonObject> lines; // stdout, one JSON object per line
    QString out;
    QString err;
};

Outcome collect(QProcess& p)
{
    Outcome o;
    o.exitCode = p.exitCode();
    o.crashed = p.exitStatus() != QProcess::NormalExit;
    o.out = QString::fromUtf8(p.readAllStandardOutput());
    o.err = QString::fromUtf8(p.readAllStandardError());
    for (const QString& line : o.out.split('\n', Qt::SkipEmptyParts)) {
        const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8());
        if (doc.isObject())
            o.lines << doc.object();
    }
    return o;
}

// Settings, history database and log file of every run stay in one temporary home, so the
// suite never reads or writes the user's own files.
const QTemporaryDir& isolatedHome()
{
    static const QTemporaryDir home;
    return home;
}

void startApp(QProcess& p, const QStringList& args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_CONFIG_HOME", isolatedHome().filePath("config"));
    env.insert("XDG_DATA_HOME", isolatedHome().filePath("data"));
    env.insert("XDG_STATE_HOME", isolatedHome().filePath("state"));
    p.setProcessEnvironment(env);
    p.start(test::appPath(), args);
}

// Waits while this thread's event loop keeps running (the test's servers live on it).
bool waitFinished(QProcess& p, int ms)
{
    QElapsedTimer t;
    t.start();
    while (p.state() != QProcess::NotRunning && t.elapsed() < ms)
        QTest::qWait(20);
    return p.state() == QProcess::NotRunning;
}

Outcome run(const QStringList& args, int ms = 60000)
{
    QProcess p;
    startApp(p, args);
    if (!waitFinished(p, ms)) {
        p.kill();
        p.waitForFinished();
    }
    return collect(p);
}

} // namespace

class TestHeadlessApp : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void replayBatchCountsMatchTheFile_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("editgroups") << "editgroups.ndjson";
        QTest::newRow("dataplumbhub") << "dataplumbhub.ndjson";
        QTest::newRow("polars") << "polars_definitive_guide.ndjson";
    }
    void replayBatchCountsMatchTheFile()
    {
        QFETCH(QString, file);
        const auto lines = test::recordingLines(file);
        const Outcome o = run({"--headless", "--replay", test::dataPath(file), "--batch"});
        QVERIFY2(!o.crashed && o.exitCode == 0, qPrintable(o.err));
        QVERIFY(!o.lines.isEmpty());
        const QJsonObject final = o.lines.last();
        QCOMPARE(final["type"].toString(), QStringLiteral("final"));
        QCOMPARE(final["received"].toInteger(), qint64(lines.size()));
        QCOMPARE(final["parsed"].toInteger(), qint64(lines.size()));
        QCOMPARE(final["rejected_total"].toInteger(), 0);
        QCOMPARE(final["duplicates"].toInteger(), 0);
        QCOMPARE(final["dropped"].toInteger(), 0);
        QCOMPARE(final["state"].toString(), QStringLiteral("finished"));
        QVERIFY(final["rejected"].toObject().contains("bad_json"));
        QVERIFY(QDateTime::fromString(final["time"].toString(), Qt::ISODateWithMs).isValid());
        QCOMPARE(o.lines.size(), 1); // no report interval passed
    }

    void replayRealTimeReportsThenFinishes()
    {
        const Outcome o =
            run({"--headless", "--replay", test::dataPath("peterdijk_edit_war_monitor.ndjson"),
                 "--speed", "1000", "--report-every", "0.5"});
        QCOMPARE(o.exitCode, 0);
        QVERIFY2(o.lines.size() >= 2, qPrintable(o.out)); // reports while waiting, then final
        QCOMPARE(o.lines.first()["type"].toString(), QStringLiteral("report"));
        QCOMPARE(o.lines.first()["state"].toString(), QStringLiteral("replaying"));
        QCOMPARE(o.lines.last()["type"].toString(), QStringLiteral("final"));
        QCOMPARE(o.lines.last()["parsed"].toInteger(), 2);
    }

    void missingReplayFileFails()
    {
        const Outcome o =
            run({"--headless", "--replay", m_dir.filePath("absent.ndjson"), "--batch"});
        QCOMPARE(o.exitCode, 1);
        QVERIFY(o.err.contains("absent.ndjson"));
        QCOMPARE(o.lines.last()["state"].toString(), QStringLiteral("failed"));
    }

    void helpListsEveryOption()
    {
        const Outcome o = run({"--help"});
        QCOMPARE(o.exitCode, 0);
        for (const char* option :
             {"--headless", "--stream-url", "--since", "--replay", "--speed", "--batch", "--record",
              "--report-every", "--max-event-bytes", "--config", "--version", "--help"})
            QVERIFY2(o.out.contains(QLatin1String(option)), option);
        QVERIFY(o.out.simplified().contains("(default: 4194304)"));
        QVERIFY(o.out.simplified().contains(
            "(default: https://stream.wikimedia.org/v2/stream/recentchange"));
    }

    void version()
    {
        const Outcome o = run({"--version"});
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(o.out.trimmed(), QStringLiteral("wikitide ") + QLatin1String(kVersion));
    }

    void badOptionExitsNonZero()
    {
        const Outcome o = run({"--frobnicate"});
        QVERIFY(o.exitCode != 0);
        QVERIFY(o.err.contains("frobnicate"));
        QVERIFY(o.out.isEmpty());
    }

    void plainHttpElsewhereIsRefused()
    {
        const Outcome o =
            run({"--headless", "--stream-url", "http://example.org/v2/stream/recentchange"}, 10000);
        QVERIFY(o.exitCode != 0);
        QVERIFY2(o.err.contains("example.org") && o.err.contains("https"), qPrintable(o.err));
        QVERIFY(o.lines.isEmpty());
    }

    void liveStreamResumesThen204()
    {
        // Real events over a local SSE server: the first connection drops in the middle of an
        // event, the client resumes with Last-Event-ID, gets the rest, then 204: final line,
        // exit 0, every event counted once and recorded once.
        const auto lines = test::recordingLines("sat99496_wikistream_lakehouse.ndjson");
        QByteArrayList payloads;
        for (const auto& l : lines)
            payloads << QByteArray::fromStdString(l);
        test::SseTestServer server;
        QVERIFY(server.listen());
        server.setEvents(payloads);
        server.enqueue(test::SseReply::streaming(20, test::SseReply::End::DropMidEvent));
        server.enqueue(test::SseReply::streaming(-1, test::SseReply::End::Close));
        server.setDefaultReply(test::SseReply::answer(204));
        const QString record = m_dir.filePath("live.ndjson");
        QProcess p;
        startApp(p, {"--headless", "--stream-url", server.url().toString(), "--record", record,
                     "--report-every", "60"});
        QVERIFY(waitFinished(p, 30000));
        const Outcome o = collect(p);
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QVERIFY(!o.lines.isEmpty());
        const QJsonObject final = o.lines.last();
        QCOMPARE(final["type"].toString(), QStringLiteral("final"));
        QCOMPARE(final["state"].toString(), QStringLiteral("finished"));
        QCOMPARE(final["received"].toInteger(), qint64(lines.size()));
        QCOMPARE(final["parsed"].toInteger(), qint64(lines.size()));
        QCOMPARE(final["duplicates"].toInteger(), 0);
        QVERIFY(final["reconnects"].toInteger() >= 2);
        QCOMPARE(server.requests().size(), 3);
        QCOMPARE(server.requests()[1].header("Last-Event-ID"), server.idOf(19));
        QVERIFY(server.requests()[0].header("User-Agent").startsWith("WikiTide/"));
        // The recording holds each event once, in order, replayable as NDJSON.
        QFile recorded(record);
        QVERIFY(recorded.open(QIODevice::ReadOnly));
        QList<QByteArray> recordedLines = recorded.readAll().split('\n');
        QCOMPARE(recordedLines.takeLast(), QByteArray());
        QCOMPARE(recordedLines.size(), payloads.size());
        QVERIFY(recordedLines == QList<QByteArray>(payloads.begin(), payloads.end()));
        const Outcome replayed = run({"--headless", "--replay", record, "--batch"});
        QCOMPARE(replayed.lines.last()["parsed"].toInteger(), qint64(lines.size()));
    }

    void unreachableKeepsRetryingAndStopsOnSigterm()
    {
        QProcess p;
        startApp(p, {"--headless", "--stream-url", "http://127.0.0.1:1/", "--report-every", "0.5"});
        QTest::qWait(3000);
        QCOMPARE(p.state(), QProcess::Running); // still trying, not given up
        p.terminate();                          // SIGTERM: final line, exit 0
        QVERIFY(waitFinished(p, 10000));
        const Outcome o = collect(p);
        QVERIFY2(o.err.contains("retrying in"), qPrintable(o.err));
        QVERIFY(o.err.contains("127.0.0.1"));
        QVERIFY(!o.crashed);
        QCOMPARE(o.exitCode, 0);
        QVERIFY(o.lines.size() >= 3);
        QCOMPARE(o.lines.first()["type"].toString(), QStringLiteral("report"));
        QCOMPARE(o.lines.last()["type"].toString(), QStringLiteral("final"));
        QCOMPARE(o.lines.last()["state"].toString(), QStringLiteral("stopped"));
        QCOMPARE(o.lines.last()["parsed"].toInteger(), 0);
    }

    void reportCarriesTheKpis()
    {
        const QString file = test::dataPath("polars_definitive_guide.ndjson");
        const Outcome o = run({"--headless", "--replay", file, "--batch", "--no-history"});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const QJsonObject final = o.lines.last();
        const QJsonObject k = final["kpis"].toObject();
        for (const char* key : {"events", "velocity_now", "velocity_avg", "bytes_added",
                                "bytes_removed", "bytes_net", "bots", "anonymous", "temporary",
                                "registered", "active_users", "new_pages", "late"})
            QVERIFY2(k.contains(key), key);
        QCOMPARE(k["events"].toInteger() + k["late"].toInteger(), final["parsed"].toInteger());
        QCOMPARE(k["bytes_net"].toInteger(),
                 k["bytes_added"].toInteger() - k["bytes_removed"].toInteger());
        QCOMPARE(k["bots"].toInteger() + k["anonymous"].toInteger() + k["temporary"].toInteger() +
                     k["registered"].toInteger(),
                 k["events"].toInteger());
        QVERIFY(k["events"].toInteger() > 50);
        QVERIFY(k["active_users"].toInteger() > 0);
    }

    void exportDirGetsTheFinalSnapshot()
    {
        QTemporaryDir out;
        const QString file = test::dataPath("dataplumbhub.ndjson");
        const Outcome o = run({"--headless", "--replay", file, "--batch", "--no-history",
                               "--export-dir", out.path()});
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const QStringList folders = QDir(out.path()).entryList({"wikitide-*"}, QDir::Dirs);
        QCOMPARE(folders.size(), 1);
        QFile kpis(QDir(out.path()).filePath(folders.first() + "/kpis.csv"));
        QVERIFY(kpis.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = kpis.readAll().trimmed().split('\n');
        QCOMPARE(rows.size(), 2);
        const QList<QByteArray> header = rows[0].trimmed().split(',');
        const QList<QByteArray> values = rows[1].trimmed().split(',');
        QCOMPARE(values.size(), header.size());
        const QJsonObject k = o.lines.last()["kpis"].toObject();
        int compared = 0;
        for (int i = 0; i < header.size(); ++i) {
            const QString name = QString::fromLatin1(header[i]);
            if (!k.contains(name))
                continue;
            QCOMPARE(values[i].toDouble(), k[name].toDouble());
            ++compared;
        }
        QCOMPARE(compared, 13);
        QCOMPARE(values[header.indexOf("ingest_parsed")].toLongLong(),
                 o.lines.last()["parsed"].toInteger());
        QVERIFY(QFileInfo::exists(QDir(out.path()).filePath(folders.first() + "/closed_minutes.csv")));
    }

    void kafkaEmbeddedGivesTheSameAnswer()
    {
        // A late horizon of 1 h: Kafka interleaves partitions, so arrival order differs from the
        // file's; nothing may turn late because of that.
        const QString file = test::dataPath("dataplumbhub.ndjson");
        const QStringList common = {"--headless", "--replay", file, "--batch", "--no-history",
                                    "--lateness", "1h", "--lookback", "3h"};
        const Outcome direct = run(common);
        const QString secret = "hunter2-do-not-print";
        const Outcome viaKafka = run(common + QStringList{"--kafka", "embedded", "--role", "all",
                                                          "-X", "sasl.password=" + secret,
                                                          "--log-level", "debug"});
        QVERIFY2(viaKafka.exitCode == 0, qPrintable(viaKafka.err));
        QVERIFY2(viaKafka.err.contains("127.0.0.1:"), qPrintable(viaKafka.err)); // bootstrap
        QVERIFY(viaKafka.err.contains("few MB"));                               // the limits
        const QJsonObject a = direct.lines.last();
        const QJsonObject b = viaKafka.lines.last();
        QCOMPARE(b["parsed"].toInteger(), a["parsed"].toInteger());
        const QJsonObject ka = a["kpis"].toObject();
        const QJsonObject kb = b["kpis"].toObject();
        for (const QString& key : ka.keys())
            QCOMPARE(kb[key].toDouble(), ka[key].toDouble());
        const QJsonObject kafka = b["kafka"].toObject();
        QCOMPARE(kafka["delivered"].toInteger(), a["parsed"].toInteger());
        QCOMPARE(kafka["consumed"].toInteger(), a["parsed"].toInteger());
        QVERIFY(kafka.contains("lag_by_partition"));
        // The secret appears nowhere: not on stdout, stderr, nor in the log file.
        QVERIFY(!viaKafka.out.contains(secret));
        QVERIFY(!viaKafka.err.contains(secret));
        QFile log(isolatedHome().filePath("state/wikitide/wikitide.log"));
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QByteArray logText = log.readAll();
        QVERIFY(logText.contains("sasl.password=***"));
        QVERIFY(!logText.contains(secret.toUtf8()));
    }

    void metricsAnswerWhileReplaying()
    {
        QProcess p;
        startApp(p, {"--headless", "--replay", test::dataPath("polars_definitive_guide.ndjson"),
                     "--speed", "1", "--no-history", "--metrics-port", "0"});
        QByteArray err;
        QRegularExpression portLine("metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics");
        QRegularExpressionMatch m;
        QElapsedTimer t;
        t.start();
        while (!(m = portLine.match(QString::fromUtf8(err))).hasMatch() && t.elapsed() < 10000) {
            QTest::qWait(50);
            err += p.readAllStandardError();
        }
        QVERIFY2(m.hasMatch(), err.constData());
        QNetworkAccessManager nam;
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/metrics").arg(m.captured(1)));
        QByteArray body;
        for (int attempt = 0; attempt < 40 && !body.contains("wikitide_ingest_parsed_events_total 1"); ++attempt) {
            QNetworkReply* reply = nam.get(QNetworkRequest(url));
            QSignalSpy done(reply, &QNetworkReply::finished);
            QVERIFY(done.wait(5000));
            body = reply->readAll();
            reply->deleteLater();
            QTest::qWait(250);
        }
        QVERIFY2(body.contains("wikitide_ingest_parsed_events_total"), body.constData());
        QVERIFY(body.contains("# TYPE wikitide_ingest_parsed_events_total counter"));
        QVERIFY(body.contains("wikitide_process_uptime_seconds"));
        QCOMPARE(p.state(), QProcess::Running); // a 2 min recording in real time: still going
        p.terminate();
        QVERIFY(waitFinished(p, 10000));
        const Outcome o = collect(p);
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(o.lines.last()["state"].toString(), QStringLiteral("stopped"));
    }
};

QTEST_GUILESS_MAIN(TestHeadlessApp)
#include "tst_HeadlessApp.moc"
