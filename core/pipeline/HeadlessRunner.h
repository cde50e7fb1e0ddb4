#pragma once
// The headless program: runs the Engine, prints one compact JSON line of counters and KPIs to
// stdout per report interval, alerts as JSON lines, periodic CSV exports, and a final line when
// the source ends (replay end, HTTP 204) or on SIGINT/SIGTERM; tells the connection state
// plainly on stderr. Main thread.

#include "analytics/DashboardSnapshot.h"
#include "ingest/IngestCounters.h"
#include "ingest/SseClient.h"
#include "pipeline/Settings.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QVariantList>
#include <cstdio>
#include <memory>

namespace wt::pipeline {

class Engine;
class ShutdownSignals;

class HeadlessRunner : public QObject {
    Q_OBJECT
public:
    explicit HeadlessRunner(Settings settings, QVariantList alertRules = {},
                            std::FILE* out = stdout, std::FILE* err = stderr,
                            QObject* parent = nullptr);
    ~HeadlessRunner() override;

    Engine* engine() const { return m_engine.get(); }

public slots:
    void start();

signals:
    // The final line is written; the program should exit with `exitCode`.
    void done(int exitCode);

private:
    void onReportTick();
    void onExportTick();
    void onState(int state, const QString& detail, int retryInMs);
    void onSourceFinished();
    void finish(const QString& state, int exitCode,
                analytics::DashboardSnapshotPtr finalSnapshot = {});
    void writeLine(const char* type, const ingest::IngestCounters& c, double eventsPerSecond,
                   const QString& state, const analytics::DashboardSnapshot* snapshot);
    void exportSnapshot(const analytics::DashboardSnapshot& snapshot);
    void say(const QString& line);

    Settings m_settings;
    QVariantList m_alertRules;
    std::FILE* m_out;
    std::FILE* m_err;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<ShutdownSignals> m_signals;
    QTimer m_reportTimer;
    QTimer m_exportTimer;
    QElapsedTimer m_sinceStart;
    QElapsedTimer m_sinceReport;
    std::uint64_t m_parsedAtReport = 0;
    QString m_state = QStringLiteral("starting");
    bool m_done = false;
};

} // namespace wt::pipeline
