#include "ingest/IngestChain.h"
#include "ingest/Recorder.h"
#include "ingest/RecordingReader.h"
#include "ingest/ReplaySource.h"
#include "support/Recordings.h"
#include "support/TestData.h"

#include <QEventLoop>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace wt;
using namespace wt::ingest;

namespace {

// Every record a second, independent reader sees in the file right now.
std::vector<std::string> readBack(const QString& path, QString* endNote = nullptr)
{
    std::vector<std::string> out;
    RecordingReader reader;
    if (!reader.open(path, nullptr))
        return out;
    std::string_view record;
    while (reader.next(record) == RecordingReader::Next::Record)
        out.emplace_back(record);
    if (endNote)
        *endNote = reader.endNote();
    return out;
}

IngestCounters replayCounters(const QString& path, std::vector<std::string>* ids)
{
    ReplayConfig config;
    config.path = path;
    config.batch = true;
    IngestChain chain;
    ReplaySource source(config, chain);
    QEventLoop loop;
    QObject::connect(&source, &ReplaySource::batchReady, [&](const event::EventBatchPtr& b) {
        for (const auto& e : *b)
            ids->push_back(e.metaId);
    });
    QObject::connect(&source, &ReplaySource::finished, &loop, &QEventLoop::quit);
    QObject::connect(&source, &ReplaySource::fatalError, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    QTimer::singleShot(0, &source, &ReplaySource::start);
    loop.exec();
    return chain.counters();
}

} // namespace

class TestRecorder : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("plain") << "rec.ndjson";
        QTest::newRow("gzip") << "rec.ndjson.gz";
    }
    void roundTrip()
    {
        QFETCH(QString, name);
        const QString path = m_dir.filePath(name);
        const auto lines = test::recordingLines("electricsql_rag.ndjson");
        // Two sessions appending to the same file: gzip makes it a multi-member file.
        const std::size_t half = lines.size() / 2;
        for (const auto& [from, to] :
             {std::pair{std::size_t(0), half}, std::pair{half, lines.size()}}) {
            Recorder recorder(path);
            QString error;
            QVERIFY2(recorder.open(&error), qPrintable(error));
            QCOMPARE(recorder.isCompressed(), name.endsWith(".gz"));
            for (std::size_t i = from; i < to; ++i)
                recorder.append(lines[i]);
            QCOMPARE(recorder.written(), to - from);
        }
        QFile raw(path);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        const QByteArray head = raw.read(2);
        QCOMPARE(head == QByteArray("\x1f\x8b"),
                 name.endsWith(".gz")); // really compressed (or not)

        QVERIFY(readBack(path) == lines);
        std::vector<std::string> ids;
        const IngestCounters c = replayCounters(path, &ids);
        QCOMPARE(c.parsed, lines.size());
        QCOMPARE(c.rejectedTotal(), 0u);
        QCOMPARE(ids.size(), lines.size());
        for (std::size_t i = 0; i < lines.size(); ++i)
            QVERIFY(lines[i].find(ids[i]) != std::string::npos);
    }

    void flushedWithinASecond_data() { roundTrip_data(); }
    void flushedWithinASecond()
    {
        QFETCH(QString, name);
        const QString path = m_dir.filePath("flush-" + name);
        const auto lines = test::recordingLines("polars_definitive_guide.ndjson");
        Recorder recorder(path);
        QVERIFY(recorder.open(nullptr));
        for (const auto& l : lines)
            recorder.append(l);
        // Still buffered (256 KiB buffer): another reader sees nothing complete yet.
        QVERIFY(readBack(path).size() < lines.size());
        // The recorder stays open; within about a second its timer makes everything readable.
        QTRY_VERIFY_WITH_TIMEOUT(readBack(path) == lines, 2500);
        QVERIFY(recorder.isOpen());
        recorder.close();
        QString note;
        QVERIFY(readBack(path, &note) == lines);
        QVERIFY(note.isEmpty()); // closed properly: no "ends early"
    }

    void lineBreaksInsideDataKeepTheFraming()
    {
        const QString path = m_dir.filePath("breaks.ndjson");
        Recorder recorder(path);
        QVERIFY(recorder.open(nullptr));
        recorder.append("{\"a\":\r\n1}");
        recorder.append("{\"b\":2}");
        recorder.close();
        QVERIFY(readBack(path) == (std::vector<std::string>{"{\"a\":  1}", "{\"b\":2}"}));
    }

    void unwritablePathIsAnError()
    {
        Recorder recorder(m_dir.filePath("no/such/dir/rec.ndjson"));
        QString error;
        QVERIFY(!recorder.open(&error));
        QVERIFY(error.contains("rec.ndjson"));
        recorder.append("{}"); // harmless when not open
        QCOMPARE(recorder.written(), 0u);
    }
};

QTEST_GUILESS_MAIN(TestRecorder)
#include "tst_Recorder.moc"
