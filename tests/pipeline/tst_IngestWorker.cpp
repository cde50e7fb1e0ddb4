#include "pipeline/IngestWorker.h"
#include "support/Recordings.h"
#include "support/SseTestServer.h"
#include "support/TestData.h"

#include <QTemporaryDir>
#include <QTest>

using namespace wt;
using namespace wt::pipeline;

// The ingest thread end to end: batches cross to this (the consumer's) thread, counters come
// back on request, the hand-off stays bounded (waits in batch replay, drops live).
class TestIngestWorker : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    // Records the worker's signals on this thread, queued like any consumer's (a QSignalSpy
    // would record them directly on the ingest thread, ahead of the queued batches).
    // A QObject, so signals still queued for it when a test ends die with it.
    struct Probe : QObject {
        int finished = 0;
        std::vector<ingest::IngestCounters> counters;
        std::vector<ingest::ConnectionState> states;
        QStringList fatal;
    };
    void attach(IngestWorker& worker, Probe& probe)
    {
        connect(&worker, &IngestWorker::finished, &probe, [&probe] { ++probe.finished; });
        connect(&worker, &IngestWorker::countersReady, &probe,
                [&probe](const ingest::IngestCounters& c) { probe.counters.push_back(c); });
        connect(&worker, &IngestWorker::stateChanged, &probe,
                [&probe](ingest::ConnectionState s, const QString&, int) {
                    probe.states.push_back(s);
                });
        connect(&worker, &IngestWorker::fatalError, &probe,
                [&probe](const QString& m) { probe.fatal << m; });
    }

    static QByteArrayList payloads(const QString& file)
    {
        QByteArrayList out;
        for (const auto& l : test::recordingLines(file))
            out << QByteArray::fromStdString(l);
        return out;
    }

private slots:
    void replayDeliversEveryEventOnTheConsumerThread()
    {
        IngestConfig config;
        config.replayFile = test::dataPath("editgroups.ndjson");
        config.batch = true;
        config.countersIntervalMs = 50;
        IngestWorker worker(config);
        std::size_t events = 0;
        bool onThisThread = true;
        connect(&worker, &IngestWorker::batchReady, &worker, [&](const event::EventBatchPtr& b) {
            onThisThread =
                onThisThread && QThread::currentThread() == QCoreApplication::instance()->thread();
            events += b->size();
        });
        Probe probe;
        attach(worker, probe);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(probe.finished, 1, 30000);
        QVERIFY(onThisThread);
        QCOMPARE(events, 5815u);
        worker.requestCounters();
        QTRY_VERIFY(!probe.counters.empty() && probe.counters.back().parsed == 5815u);
        const ingest::IngestCounters final = worker.stop();
        QCOMPARE(final.parsed, 5815u);
        QCOMPARE(final.dropped, 0u);
        QCOMPARE(worker.batchesInFlight(), 0);
        QVERIFY(!worker.isRunning());
        QCOMPARE(worker.stop().parsed, 5815u); // idempotent
        QTRY_VERIFY(!probe.states.empty() &&
                    probe.states.back() == ingest::ConnectionState::Finished);
    }

    void batchReplayWaitsForAHeldConsumer()
    {
        IngestConfig config;
        config.replayFile = test::dataPath("editgroups.ndjson");
        config.batch = true;
        config.maxBatchesInFlight = 1;
        IngestWorker worker(config);
        std::vector<event::EventBatchPtr> held;
        std::size_t events = 0;
        connect(&worker, &IngestWorker::batchReady, &worker, [&](const event::EventBatchPtr& b) {
            events += b->size();
            held.push_back(b);
        });
        Probe probe;
        attach(worker, probe);
        worker.start();
        QTRY_COMPARE(held.size(), 1u);
        QTest::qWait(200);
        QCOMPARE(held.size(), 1u); // the replay waits while the only slot is held
        QCOMPARE(worker.batchesInFlight(), 1);
        held.clear();
        QTRY_COMPARE(held.size(), 1u);
        // Now release each batch as it comes.
        disconnect(&worker, &IngestWorker::batchReady, &worker, nullptr);
        connect(&worker, &IngestWorker::batchReady, &worker,
                [&](const event::EventBatchPtr& b) { events += b->size(); });
        held.clear();
        QTRY_COMPARE_WITH_TIMEOUT(probe.finished, 1, 30000);
        const auto final = worker.stop();
        QCOMPARE(events, 5815u);
        QCOMPARE(final.dropped, 0u);
    }

    void liveDropsAndCountsWhenTheConsumerIsBehind()
    {
        const QByteArrayList events = payloads("electricsql_rag.ndjson");
        test::SseTestServer server;
        QVERIFY(server.listen());
        server.setEvents(events);
        // Two connections, so at least two batches however the bytes coalesce.
        server.enqueue(test::SseReply::streaming(20, test::SseReply::End::Close));
        server.enqueue(test::SseReply::streaming(-1, test::SseReply::End::Close));
        server.setDefaultReply(test::SseReply::answer(204));
        IngestConfig config;
        config.streamUrl = server.url();
        config.maxBatchesInFlight = 1;
        config.recordFile = m_dir.filePath("live.ndjson.gz");
        IngestWorker worker(config);
        std::vector<event::EventBatchPtr> held; // never released: a stuck consumer
        std::size_t delivered = 0;
        connect(&worker, &IngestWorker::batchReady, &worker, [&](const event::EventBatchPtr& b) {
            delivered += b->size();
            held.push_back(b);
        });
        Probe probe;
        attach(worker, probe);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(probe.finished, 1, 30000);
        const auto final = worker.stop();
        QCOMPARE(final.parsed, std::uint64_t(events.size()));
        QCOMPARE(held.size(), 1u);
        QVERIFY(final.dropped > 0);
        QCOMPARE(final.dropped + delivered, final.parsed);
        QVERIFY(final.reconnects >= 1);

        // Dropped downstream, but recorded in full: the recording is the stream.
        IngestConfig replay;
        replay.replayFile = config.recordFile;
        replay.batch = true;
        IngestWorker replayer(replay);
        Probe replayed;
        attach(replayer, replayed);
        replayer.start();
        QTRY_COMPARE_WITH_TIMEOUT(replayed.finished, 1, 30000);
        QCOMPARE(replayer.stop().parsed, std::uint64_t(events.size()));
    }

    void countersArePushedPeriodically()
    {
        IngestConfig config;
        config.streamUrl = QUrl("http://127.0.0.1:1/"); // unreachable: the worker keeps retrying
        config.countersIntervalMs = 50;
        IngestWorker worker(config);
        Probe probe;
        attach(worker, probe);
        worker.start();
        QTRY_VERIFY(probe.counters.size() >= 3);
        const auto sawOffline = [&] {
            for (const auto s : probe.states)
                if (s == ingest::ConnectionState::Offline)
                    return true;
            return false;
        };
        QTRY_VERIFY(sawOffline());
        worker.stop();
    }

    void unreadableRecordingTargetIsFatal()
    {
        IngestConfig config;
        config.streamUrl = QUrl("http://127.0.0.1:1/");
        config.recordFile = m_dir.filePath("missing/dir/rec.ndjson");
        IngestWorker worker(config);
        Probe probe;
        attach(worker, probe);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(probe.fatal.size(), 1, 10000);
        QVERIFY(probe.fatal.first().contains("rec.ndjson"));
        worker.stop();
    }
};

QTEST_GUILESS_MAIN(TestIngestWorker)
#include "tst_IngestWorker.moc"
