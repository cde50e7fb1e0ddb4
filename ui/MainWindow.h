#pragma once
// The dashboard window (GUI thread). Composes the panels in dock widgets, receives snapshots and
// turns the user's choices into command signals. It never touches engine state.

#include <QMainWindow>
#include <QStringList>
#include <QUrl>
#include <QVariantList>
#include <functional>
#include <memory>
#include <vector>

#include "ConnectionState.h"
#include "EngineFilter.h"
#include "SnapshotExport.h"
#include "UiOptions.h"
#include "alert/Alert.h"
#include "analytics/DashboardSnapshot.h"
#include "pipeline/HealthMetrics.h"

class QDockWidget;
class QMenuBar;
class QTimer;

namespace wt::ui {

class AlertLogPanel;
class BattlefieldPanel;
class BreakdownPanel;
class ConnectionBanner;
class ControlBar;
class DockArrangement;
class EngagementPanel;
class HealthPanel;
class HistoryPanel;
class KeywordPanel;
class KpiPanel;
class LeaderboardPanel;
class StatusLine;
class TrafficPanel;
class UiSettings;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // Opens a URL outside the program (the browser, a file manager). Tests inject their own.
    using UrlOpener = std::function<void(const QUrl&)>;

    explicit MainWindow(const UiOptions& options, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Emits every command signal once with the remembered settings: call after connecting.
    void publishSettings();
    // Writes the CSV folder of the shown snapshot under dir (no dialog).
    ExportResult exportSnapshotTo(const QString& dir);
    // Writes it, then says where it went in a non-modal message ("exportMessage") with an
    // "Open folder" button. What File > Export calls once a folder is picked.
    ExportResult exportAndTell(const QString& dir);
    void setUrlOpener(UrlOpener opener) { m_opener = std::move(opener); }
    bool isPaused() const { return m_paused; }
    analytics::DashboardSnapshotPtr latestSnapshot() const { return m_latest; }
    analytics::DashboardSnapshotPtr shownSnapshot() const { return m_shown; }
    analytics::Filter filter() const { return m_filter; }
    QVariantList alertRules() const; // the stored form, as alertRulesChanged sends it
    int unseenAlerts() const { return m_unseenAlerts; }

    KpiPanel* kpis() const { return m_kpis; }
    TrafficPanel* traffic() const { return m_traffic; }
    LeaderboardPanel* leaderboards() const { return m_leaderboards; }
    BattlefieldPanel* battlefield() const { return m_battlefield; }
    KeywordPanel* keywordPanel() const { return m_keywords; }
    BreakdownPanel* breakdowns() const { return m_breakdowns; }
    EngagementPanel* engagement() const { return m_engagement; }
    HistoryPanel* historyPanel() const { return m_history; }
    AlertLogPanel* alertLogPanel() const { return m_alertLog; }
    HealthPanel* healthPanel() const { return m_health; }
    ConnectionBanner* banner() const { return m_banner; }
    StatusLine* statusLine() const { return m_status; }
    ControlBar* controls() const { return m_controls; }
    QDockWidget* dock(const QString& name) const;
    // Shown and not tabbed away (a background tab is "visible" but outside the window).
    bool isInView(const QWidget* panel) const;

public slots:
    void showSnapshot(wt::analytics::DashboardSnapshotPtr snapshot);
    // state: a ConnectionState value (SseClient's numbering, plus Replaying = 7); for Replaying
    // the detail is the speed ("10" shows "Replaying at 10×").
    void setConnectionState(int state, const QString& detail, int retryInMs);
    void setSamplePath(const QString& path);
    void setPaused(bool paused);
    void setFilter(const wt::analytics::Filter& filter); // as if chosen in the dialog
    void showKeywordRejected(const QString& pattern, const QString& error);
    // Applies the newest snapshot now (normally a zero-timer coalesces bursts into one apply).
    void applyPendingSnapshot();
    // An alert notice for the alert log; counts on the Alerts tab while it is not in view.
    void addAlert(const wt::alert::Alert& alert);
    void setHealthSnapshot(const wt::pipeline::HealthSnapshot& snapshot);
    // "History is not being saved: <message>" in the status bar; empty clears it.
    void setStorageMessage(const QString& message);
    // Kafka consumer lag in the status bar (tooltip: per partition); total < 0 hides it.
    void setKafkaLag(qint64 total, const QString& perPartitionDetail);
    void openAlertRulesDialog(); // non-modal; Alerts > Rules…
    void resetLayout();

signals:
    void lookbackChanged(qint64 ms);
    void refreshChanged(int ms);
    void filterChanged(const wt::analytics::Filter& filter);
    void topNChanged(int n);
    void keywordsChanged(const QStringList& keywords);
    void openRecordingRequested(const QString& path);
    void goLiveRequested();
    void pausedChanged(bool paused);
    // The rule set in alert::rulesToVariant form, saved under alerts/rules.
    void alertRulesChanged(const QVariantList& rules);

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    // A panel that draws snapshots, and the snapshot it drew last: a hidden panel is skipped
    // and caught up when it shows again.
    struct View {
        QWidget* widget = nullptr;
        std::function<void(const analytics::DashboardSnapshotPtr&)> draw;
        analytics::DashboardSnapshotPtr drawn;
    };
    void createPanels();
    void buildMenus(QMenuBar* menus);
    void connectControls();
    void openFilterDialog();
    void openRecordingDialog();
    void exportWithDialog();
    void openUrl(const QUrl& url);
    void updateAlertTitle();
    void saveLayout();

    UiOptions m_options;
    std::unique_ptr<UiSettings> m_settings;
    std::unique_ptr<DockArrangement> m_docks;
    UrlOpener m_opener;
    analytics::DashboardSnapshotPtr m_latest; // newest received (kept while paused)
    analytics::DashboardSnapshotPtr m_shown;  // what the panels draw
    std::vector<View> m_views;
    analytics::Filter m_filter;
    bool m_paused = false;
    bool m_layoutRestored = false;
    bool m_sized = false;
    int m_unseenAlerts = 0;
    std::unique_ptr<pipeline::HealthSnapshot> m_pendingHealth; // arrived while hidden
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
    EngagementPanel* m_engagement = nullptr;
    HistoryPanel* m_history = nullptr;
    AlertLogPanel* m_alertLog = nullptr;
    HealthPanel* m_health = nullptr;
};

} // namespace wt::ui
