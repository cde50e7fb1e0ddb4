#include "ingest/BatchGate.h"
#include "ingest/IngestChain.h"
#include "ingest/ReplaySource.h"
#include "support/Recordings.h"
#include "support/TestData.h"

#include <QEventLoop>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <zlib.h>

using namespace wt;
using namespace wt::ingest;

namespace {

struct Run {
    std::vector<event::EditEvent> events;
    std::vector<event::EventBatchPtr> held; // batches kept alive by the test (back-pressure)
    std::size_t batches = 0;
    std::size_t largestBatch = 0;
    IngestCounters counters;
    bool finished = false;
    QString error;
    QStringList warnings;
    qint64 elapsedMs = 0;
};

// Runs one replay to its end on this thread, as the ingest thread would.
Run replay(const ReplayConfig& config, std::shared_ptr<BatchGate> gate = {},
           std::function<void(Run&, const event::EventBatchPtr&)> onBatch = {})
{
    IngestChain chain(config.maxEventBytes);
    ReplaySource source(config, chain);
    if (gate)
        source.setGate(gate);
    Run run;
    QEventLoop loop;
    QObject::connect(&source, &ReplaySource::batchReady, [&](const event::EventBatchPtr& batch) {
        ++run.batches;
        run.largestBatch = std::max(run.largestBatch, batch->size());
        run.events.insert(run.events.end(), batch->begin(), batch->end());
        if (onBatch)
            onBatch(run, batch);
    });
    QObject::connect(&source, &ReplaySource::finished, [&] {
        run.finished = true;
        loop.quit();
    });
    QObject::connect(&source, &ReplaySource::fatalError, [&](const QString& m) {
        run.error = m;
        loop.quit();
    });
    QObject::connect(&source, &ReplaySource::warning, [&](const QString& m) { run.warnings << m; });
    QTimer::singleShot(60000, &loop, &QEventLoop::quit); // a hang fails below, not forever
    QElapsedTimer clock;
    clock.start();
    QTimer::singleShot(0, &source, &ReplaySource::start);
    loop.exec();
    run.elapsedMs = clock.elapsed();
    run.counters = chain.counters();
    return run;
}

ReplayConfig batchConfig(const QString& path)
{
    ReplayConfig c;
    c.path = path;
    c.batch = true;
    return c;
}

std::vector<std::string> metaIds(const std::vector<event::EditEvent>& events)
{
    std::vector<std::string> ids;
    for (const auto& e : events)
        ids.push_back(e.metaId);
    return ids;
}

bool gzipFile(const QString& from, const QString& to)
{
    QFile in(from);
    if (!in.open(QIODevice::ReadOnly))
        return false;
    const QByteArray data = in.readAll();
    gzFile out = gzopen(QFile::encodeName(to).constData(), "wb");
    if (!out)
        return false;
    const bool ok = gzwrite(out, data.constData(), unsigned(data.size())) == data.size();
    return gzclose(out) == Z_OK && ok;
}

void writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(data), data.size());
}

} // namespace

class TestReplaySource : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void everyRecordingInBatchMode_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString& f : test::recordingFiles())
            QTest::newRow(qPrintable(f)) << f;
    }
    void everyRecordingInBatchMode()
    {
        QFETCH(QString, file);
        const auto lines = test::recordingLines(file);
        QVERIFY(!lines.empty());
        const Run run = replay(batchConfig(test::dataPath(file)));
        QVERIFY2(run.finished, qPrintable(run.error));
        QCOMPARE(run.counters.received, lines.size());
        QCOMPARE(run.counters.parsed, lines.size());
        QCOMPARE(run.counters.rejectedTotal(), 0u);
        QCOMPARE(run.events.size(), lines.size());
        QVERIFY(run.largestBatch <= 4096);
        // In file order: each event's meta.id is in its own line.
        for (std::size_t i = 0; i < lines.size(); ++i)
            QVERIFY2(lines[i].find(run.events[i].metaId) != std::string::npos, lines[i].c_str());
    }

    void gzippedCopyGivesTheSame()
    {
        const QString plain = test::dataPath("editgroups.ndjson");
        const QString gz = m_dir.filePath("editgroups.ndjson.gz");
        QVERIFY(gzipFile(plain, gz));
        QVERIFY(QFileInfo(gz).size() < QFileInfo(plain).size() / 4);
        const Run a = replay(batchConfig(plain));
        const Run b = replay(batchConfig(gz));
        QVERIFY(b.finished);
        QCOMPARE(b.counters.parsed, 5815u);
        QCOMPARE(b.batches, 2u); // 4096 + 1719
        QVERIFY(metaIds(a.events) == metaIds(b.events));
        QVERIFY(b.warnings.isEmpty());
    }

    void sseCaptureDispatchesOnlyTerminatedBlocks()
    {
        // The capture's third block has no blank line after it: not dispatched (WHATWG).
        for (const bool compressed : {false, true}) {
            QString path = test::dataPath("sse/dlw-github_wiki_visualizer_example.events");
            if (compressed) {
                const QString gz = m_dir.filePath("capture.events.gz");
                QVERIFY(gzipFile(path, gz));
                path = gz;
            }
            const Run run = replay(batchConfig(path));
            QVERIFY(run.finished);
            QCOMPARE(run.counters.received, 2u);
            QCOMPARE(run.counters.parsed, 2u);
            QCOMPARE(run.events.size(), 2u);
            QCOMPARE(run.events[0].metaId, std::string("da75cd5f-4dc4-4954-8a88-b5b6d4fec7e4"));
            QCOMPARE(run.events[1].metaId, std::string("59aaf71d-fcc4-4695-b6f5-759b920c76ec"));
            QCOMPARE(run.events[1].serverName, std::string("en.wiktionary.org"));
        }
    }

    void realTimeKeepsOrderAndScaledTime()
    {
        const QString path = test::dataPath("polars_definitive_guide.ndjson");
        const Run reference = replay(batchConfig(path));
        ReplayConfig config;
        config.path = path;
        config.speed = 1000;
        // The scaled duration: forward gaps between event times, divided by the speed.
        double expectedMs = 0;
        std::int64_t last = reference.events.front().timeMs;
        for (const auto& e : reference.events) {
            if (e.timeMs > last) {
                expectedMs += std::min((e.timeMs - last) / config.speed, double(config.maxPauseMs));
                last = e.timeMs;
            }
        }
        QVERIFY2(expectedMs > 50, "pick a recording that spans some time");
        const Run run = replay(config);
        QVERIFY(run.finished);
        QVERIFY(metaIds(run.events) == metaIds(reference.events));
        QVERIFY(run.batches > 1); // released over time, not in one go
        // Loose: pacing happened at all, and nothing stalled.
        QVERIFY2(run.elapsedMs >= qint64(expectedMs * 0.8),
                 qPrintable(QString::number(run.elapsedMs)));
        QVERIFY2(run.elapsedMs < qint64(expectedMs) + 10000,
                 qPrintable(QString::number(run.elapsedMs)));
    }

    void missingFileIsAClearError()
    {
        const Run run = replay(batchConfig(m_dir.filePath("no-such-file.ndjson")));
        QVERIFY(!run.finished);
        QVERIFY(run.error.contains("no-such-file.ndjson"));
        QVERIFY(run.events.empty());
    }

    void oversizedAndBadLinesAreCounted()
    {
        const auto lines = test::recordingLines("dlw_wiki_visualizer.ndjson");
        QByteArray data;
        data += QByteArray::fromStdString(lines[0]) + "\n\n";
        data += QByteArray(10 << 20, 'x') + "\n"; // a 10 MiB line
        data += "{\"truncated\":\n";
        data += QByteArray::fromStdString(lines[1]) + "\r\n"; // CRLF line end
        data += QByteArray::fromStdString(lines[2]);          // no final newline
        const QString path = m_dir.filePath("mixed.ndjson");
        writeFile(path, data);
        const Run run = replay(batchConfig(path));
        QVERIFY(run.finished);
        QCOMPARE(run.counters.parsed, 3u);
        QCOMPARE(run.counters.rejected[std::size_t(RejectReason::TooLarge)], 1u);
        QCOMPARE(run.counters.rejected[std::size_t(RejectReason::BadJson)], 1u);
        QCOMPARE(run.counters.received, 5u);
    }

    void truncatedGzipReplaysWhatIsComplete()
    {
        // A recording cut off by a crash: sync-flushed but never closed.
        const auto lines = test::recordingLines("polars_definitive_guide.ndjson");
        const QString path = m_dir.filePath("cut.ndjson.gz");
        gzFile out = gzopen(QFile::encodeName(path).constData(), "wb");
        QVERIFY(out);
        for (const auto& l : lines) {
            gzwrite(out, l.data(), unsigned(l.size()));
            gzputc(out, '\n');
        }
        gzflush(out, Z_SYNC_FLUSH);
        QFile copy(path);
        QVERIFY(copy.copy(m_dir.filePath("cut-copy.ndjson.gz")));
        gzclose(out);
        const Run run = replay(batchConfig(m_dir.filePath("cut-copy.ndjson.gz")));
        QVERIFY(run.finished);
        QCOMPARE(run.counters.parsed, lines.size());
        QCOMPARE(run.warnings.size(), 1); // told, not silent
    }

    void batchModeWaitsForSlowConsumers()
    {
        ReplayConfig config = batchConfig(test::dataPath("editgroups.ndjson"));
        config.chunkEvents = 500;
        auto gate = BatchGate::create(2);
        bool stalled = false;
        // Hold the first two batches: the replay must wait, not drop; release them later.
        const Run run = replay(config, gate, [&](Run& r, const event::EventBatchPtr& batch) {
            if (r.batches <= 2)
                r.held.push_back(batch);
            if (r.batches == 2) {
                QTimer::singleShot(200, [&r, &stalled, gate] {
                    stalled = r.batches == 2 && gate->full();
                    r.held.clear();
                });
            }
        });
        QVERIFY(run.finished);
        QVERIFY(stalled);
        QCOMPARE(run.counters.parsed, 5815u);
        QCOMPARE(run.events.size(), 5815u);
        QCOMPARE(run.counters.dropped, 0u);
        QCOMPARE(gate->inFlight(), 0);
    }

    void realTimeDropsWhenConsumersAreBehind()
    {
        ReplayConfig config;
        config.path = test::dataPath("dataplumbhub.ndjson");
        config.speed = 1000;
        auto gate = BatchGate::create(1);
        const Run run = replay(config, gate, [](Run& r, const event::EventBatchPtr& batch) {
            r.held.push_back(batch);
        });
        QVERIFY(run.finished);
        QCOMPARE(run.batches, 1u);
        QVERIFY(run.counters.dropped > 0);
        QCOMPARE(run.counters.dropped + run.events.size(), run.counters.parsed);
    }

    void stopEndsABatchReplayEarly()
    {
        IngestChain chain;
        ReplayConfig config = batchConfig(test::dataPath("editgroups.ndjson"));
        config.chunkEvents = 100;
        ReplaySource source(config, chain);
        std::size_t events = 0;
        bool finished = false;
        connect(&source, &ReplaySource::batchReady, [&](const event::EventBatchPtr& b) {
            events += b->size();
            source.stop();
        });
        connect(&source, &ReplaySource::finished, [&] { finished = true; });
        source.start();
        QTest::qWait(100);
        QCOMPARE(events, 100u);
        QVERIFY(!finished);
        QVERIFY(!source.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestReplaySource)
#include "tst_ReplaySource.moc"
