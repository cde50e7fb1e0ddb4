#pragma once
// The windowed program: the Engine and the MainWindow wired together (commands out of the
// window, snapshots, connection state, alerts and health into it), the tray notifier, and the
// --screenshot/--quit-after pair for docs and tests. Main (GUI) thread.

#include "pipeline/Settings.h"

#include <QObject>
#include <QVariantList>
#include <memory>

class QSystemTrayIcon;

namespace wt::pipeline {
class Engine;
}
namespace wt::ui {
class AlertNotifier;
class HistoryPanel;
class MainWindow;
} // namespace wt::ui

namespace wt::app {

class GuiSession : public QObject {
    Q_OBJECT
public:
    GuiSession(pipeline::Settings settings, QVariantList alertRules, QString samplePath);
    ~GuiSession() override;

    // Shows the window and starts the engine; false (and *error) when the engine cannot start.
    bool start(QString* error);

signals:
    void quitRequested(int exitCode);

private:
    void pushExplicitOptions();
    void wireEngine();
    void takeScreenshot();
    void shutdown();

    pipeline::Settings m_settings;
    QVariantList m_alertRules;
    QString m_samplePath;
    std::unique_ptr<pipeline::Engine> m_engine;
    std::unique_ptr<ui::MainWindow> m_window;
    QSystemTrayIcon* m_tray = nullptr;
    ui::AlertNotifier* m_notifier = nullptr;
    bool m_shutDown = false;
};

// The bundled sample recording: next to the installed binary (../share/wikitide/samples/), else
// the source tree's copy (when running from the build tree); empty when neither exists.
QString findSampleRecording();

} // namespace wt::app
