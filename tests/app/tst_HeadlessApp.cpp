#include "support/Recordings.h"
#include "support/SseTestServer.h"
#include "support/TestData.h"
#include "wikitide/Version.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
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

void startApp(QProcess& p, const QStringList& args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_CONFIG_HOME", QDir::tempPath() + "/wt-headless-no-config"); // no user settings
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
};

QTEST_GUILESS_MAIN(TestHeadlessApp)
#include "tst_HeadlessApp.moc"
