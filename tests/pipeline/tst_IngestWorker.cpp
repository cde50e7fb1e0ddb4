#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "pipeline/IngestWorker.h"
#include "support/Recordings.h"
#include "support/SseTestServer.h"
#include "support/TestData.h"

using namespace wt;
using namespace wt::pipeline;

// The ingest thread end to end: batches cross to this (the consumer's) thread, counters come
// back on request, the hand-off stays bounded (waits in batch replay, drops live).
class TestIngestWorker : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

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
        connect(&worker, &IngestWorker::batchReady, this, [&](const event::EventBatchPtr& b) {
            onThisThread = onThisThread && QThread::currentThread() == thread();
            events += b->size();
        });
        QSignalSpy finished(&worker, &IngestWorker::finished);
        QSignalSpy counters(&worker, &IngestWorker::countersReady);
        QSignalSpy states(&worker, &IngestWorker::stateChanged);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QVERIFY(onThisThread);
        QCOMPARE(events, 5815u);
        worker.requestCounters();
        QTRY_VERIFY(counters.last().at(0).value<ingest::IngestCounters>().parsed == 5815u);
        const ingest::IngestCounters final = worker.stop();
        QCOMPARE(final.parsed, 5815u);
        QCOMPARE(final.dropped, 0u);
        QCOMPARE(worker.batchesInFlight(), 0);
        QVERIFY(!worker.isRunning());
        QCOMPARE(worker.stop().parsed, 5815u); // idempotent
        QCOMPARE(states.last().at(0).value<ingest::ConnectionState>(), ingest::ConnectionState::Finished);
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
        connect(&worker, &IngestWorker::batchReady, this, [&](const event::EventBatchPtr& b) {
            events += b->size();
            held.push_back(b);
        });
        QSignalSpy finished(&worker, &IngestWorker::finished);
        worker.start();
        QTRY_COMPARE(held.size(), 1u);
        QTest::qWait(200);
        QCOMPARE(held.size(), 1u); // the replay waits while the only slot is held
        QCOMPARE(worker.batchesInFlight(), 1);
        held.clear();
        QTRY_COMPARE(held.size(), 1u);
        // Now release each batch as it comes.
        disconnect(&worker, &IngestWorker::batchReady, this, nullptr);
        connect(&worker, &IngestWorker::batchReady, this, [&](const event::EventBatchPtr& b) { events += b->size(); });
        held.clear();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
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
        server.enqueue(test::SseReply::streaming(-1, test::SseReply::End::Close, 1024)); // many chunks, so many batches
        server.setDefaultReply(test::SseReply::answer(204));
        IngestConfig config;
        config.streamUrl = server.url();
        config.maxBatchesInFlight = 1;
        config.recordFile = m_dir.filePath("live.ndjson.gz");
        IngestWorker worker(config);
        std::vector<event::EventBatchPtr> held; // never released: a stuck consumer
        std::size_t delivered = 0;
        connect(&worker, &IngestWorker::batchReady, this, [&](const event::EventBatchPtr& b) {
            delivered += b->size();
            held.push_back(b);
        });
        QSignalSpy finished(&worker, &IngestWorker::finished);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
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
        QSignalSpy replayed(&replayer, &IngestWorker::finished);
        replayer.start();
        QTRY_COMPARE_WITH_TIMEOUT(replayed.count(), 1, 30000);
        QCOMPARE(replayer.stop().parsed, std::uint64_t(events.size()));
    }

    void countersArePushedPeriodically()
    {
        IngestConfig config;
        config.streamUrl = QUrl("http://127.0.0.1:1/"); // unreachable: the worker keeps retrying
        config.countersIntervalMs = 50;
        IngestWorker worker(config);
        QSignalSpy counters(&worker, &IngestWorker::countersReady);
        QSignalSpy states(&worker, &IngestWorker::stateChanged);
        worker.start();
        QTRY_VERIFY(counters.count() >= 3);
        const auto sawOffline = [&] {
            for (const auto& s : states)
                if (s.at(0).value<ingest::ConnectionState>() == ingest::ConnectionState::Offline)
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
        QSignalSpy fatal(&worker, &IngestWorker::fatalError);
        worker.start();
        QVERIFY(fatal.wait(10000));
        QVERIFY(fatal.first().at(0).toString().contains("rec.ndjson"));
        worker.stop();
    }
};

QTEST_GUILESS_MAIN(TestIngestWorker)
#include "tst_IngestWorker.moc"
