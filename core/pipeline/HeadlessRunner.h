#pragma once
// The headless program: runs an IngestWorker, prints one compact JSON line of counters to
// stdout per report interval and a final line when the source ends (replay end, HTTP 204) or
// on SIGINT/SIGTERM, and tells the connection state plainly on stderr. Main thread.

#include "ingest/IngestCounters.h"
#include "ingest/SseClient.h"
#include "pipeline/Settings.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <cstdio>
#include <memory>

namespace wt::pipeline {

class IngestWorker;
class ShutdownSignals;

class HeadlessRunner : public QObject {
    Q_OBJECT
public:
    explicit HeadlessRunner(Settings settings, std::FILE* out = stdout, std::FILE* err = stderr,
                            QObject* parent = nullptr);
    ~HeadlessRunner() override;

public slots:
    void start();

signals:
    // The final line is written; the program should exit with `exitCode`.
    void done(int exitCode);

private:
    void onReportTick();
    void onCounters(const ingest::IngestCounters& counters);
    void onState(ingest::ConnectionState state, const QString& detail, int retryInMs);
    void finish(const QString& state, int exitCode);
    void writeLine(const char* type, const ingest::IngestCounters& c, double eventsPerSecond,
                   const QString& state);
    void say(const QString& line);

    Settings m_settings;
    std::FILE* m_out;
    std::FILE* m_err;
    std::unique_ptr<IngestWorker> m_worker;
    std::unique_ptr<ShutdownSignals> m_signals;
    QTimer m_reportTimer;
    QElapsedTimer m_sinceStart;
    QElapsedTimer m_sinceReport;
    std::uint64_t m_parsedAtReport = 0;
    QString m_state = QStringLiteral("starting");
    bool m_reportPending = false;
    bool m_done = false;
};

} // namespace wt::pipeline
