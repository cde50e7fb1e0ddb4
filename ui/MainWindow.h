#pragma once
// The dashboard window (GUI thread). Composes the panels in dock widgets, receives snapshots and
// turns the user's choices into command signals. It never touches engine state.

#include <QMainWindow>
#include <QStringList>
#include <QUrl>
#include <memory>

#include "ConnectionState.h"
#include "EngineFilter.h"
#include "SnapshotExport.h"
#include "UiOptions.h"
#include "analytics/DashboardSnapshot.h"

class QDockWidget;
class QTimer;

namespace wt::ui {

class BattlefieldPanel;
class BreakdownPanel;
class ConnectionBanner;
class ControlBar;
class KeywordPanel;
class KpiPanel;
class LeaderboardPanel;
class StatusLine;
class TrafficPanel;
class UiSettings;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const UiOptions& options, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Emits every command signal once with the remembered settings: call after connecting.
    void publishSettings();
    // Writes the CSV folder of the current snapshot under dir (what File > Export calls).
    ExportResult exportSnapshotTo(const QString& dir);
    bool isPaused() const { return m_paused; }
    analytics::DashboardSnapshotPtr latestSnapshot() const { return m_latest; }
    analytics::DashboardSnapshotPtr shownSnapshot() const { return m_shown; }
    analytics::Filter filter() const { return m_filter; }

    KpiPanel* kpis() const { return m_kpis; }
    TrafficPanel* traffic() const { return m_traffic; }
    LeaderboardPanel* leaderboards() const { return m_leaderboards; }
    BattlefieldPanel* battlefield() const { return m_battlefield; }
    KeywordPanel* keywordPanel() const { return m_keywords; }
    BreakdownPanel* breakdowns() const { return m_breakdowns; }
    ConnectionBanner* banner() const { return m_banner; }
    StatusLine* statusLine() const { return m_status; }
    ControlBar* controls() const { return m_controls; }

public slots:
    void showSnapshot(wt::analytics::DashboardSnapshotPtr snapshot);
    // state: a ConnectionState value (SseClient's numbering, plus Replaying = 7).
    void setConnectionState(int state, const QString& detail, int retryInMs);
    void setSamplePath(const QString& path);
    void setPaused(bool paused);
    void setFilter(const wt::analytics::Filter& filter); // as if chosen in the dialog
    void showKeywordRejected(const QString& pattern, const QString& error);
    // Applies the newest snapshot now (normally a zero-timer coalesces bursts into one apply).
    void applyPendingSnapshot();

signals:
    void lookbackChanged(qint64 ms);
    void refreshChanged(int ms);
    void filterChanged(const wt::analytics::Filter& filter);
    void topNChanged(int n);
    void keywordsChanged(const QStringList& keywords);
    void openRecordingRequested(const QString& path);
    void goLiveRequested();
    void pausedChanged(bool paused);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QDockWidget* addPanel(QWidget* panel, const QString& name, const QString& title,
                          Qt::DockWidgetArea area);
    void buildMenus();
    void connectControls();
    void openFilterDialog();
    void openRecordingDialog();
    void exportWithDialog();
    void openUrl(const QUrl& url);
    void saveLayout();

    UiOptions m_options;
    std::unique_ptr<UiSettings> m_settings;
    analytics::DashboardSnapshotPtr m_latest; // newest received (kept while paused)
    analytics::DashboardSnapshotPtr m_shown;  // what the panels draw
    analytics::Filter m_filter;
    bool m_paused = false;
    QTimer* m_apply = nullptr;

    ControlBar* m_controls = nullptr;
    ConnectionBanner* m_banner = nullptr;
    StatusLine* m_status = nullptr;
    KpiPanel* m_kpis = nullptr;
    TrafficPanel* m_traffic = nullptr;
    LeaderboardPanel* m_leaderboards = nullptr;
    BattlefieldPanel* m_battlefield = nullptr;
    KeywordPanel* m_keywords = nullptr;
    BreakdownPanel* m_breakdowns = nullptr;
    QList<QDockWidget*> m_docks;
    QByteArray m_defaultState;
};

} // namespace wt::ui
