#include "AlertNotifier.h"

#include <QSystemTrayIcon>

namespace wt::ui {

AlertNotifier::AlertNotifier(QSystemTrayIcon* tray, QObject* parent)
    : QObject(parent)
    , m_tray(tray)
{
}

bool AlertNotifier::canNotify() const
{
    return m_tray && QSystemTrayIcon::isSystemTrayAvailable() && m_tray->supportsMessages();
}

void AlertNotifier::notify(const wt::alert::Alert& alert)
{
    if (!canNotify())
        return;
    ++m_shown;
    m_tray->showMessage(QStringLiteral("WikiTide: ") + alert.ruleName, alert.reason, QSystemTrayIcon::Information, 10000);
}

} // namespace wt::ui
