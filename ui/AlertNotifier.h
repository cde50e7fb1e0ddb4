#pragma once
// Desktop notifications for alerts through the system tray, where one exists. UI thread.
// Rate limiting already happened in the engine; this only shows what arrives.

#include <QObject>

#include "alert/Alert.h"

class QSystemTrayIcon;

namespace wt::ui {

class AlertNotifier : public QObject {
    Q_OBJECT
public:
    // tray may be null (no tray: notifications are skipped, the alert log still shows them).
    explicit AlertNotifier(QSystemTrayIcon* tray, QObject* parent = nullptr);

    bool canNotify() const;
    quint64 shown() const { return m_shown; }

public slots:
    void notify(const wt::alert::Alert& alert);

private:
    QSystemTrayIcon* m_tray;
    quint64 m_shown = 0;
};

} // namespace wt::ui
