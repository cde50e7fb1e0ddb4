#pragma once
// The banner at the top of the window when the live stream cannot be reached (GUI thread): says
// so in plain words with the retry countdown, and offers the bundled sample recording instead.

#include <QDeadlineTimer>
#include <QFrame>

#include "ConnectionState.h"

class QLabel;
class QPushButton;
class QTimer;

namespace wt::ui {

class ConnectionBanner : public QFrame {
    Q_OBJECT
public:
    explicit ConnectionBanner(QWidget* parent = nullptr);
    void setConnectionState(ConnectionState state, const QString& detail, int retryInMs);
    void setSamplePath(const QString& path);
    QString text() const;
    QPushButton* sampleButton() const { return m_sample; }

signals:
    void openSampleRequested(const QString& path);
    void retryRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void refresh();
    void applyLooks();

    ConnectionState m_state = ConnectionState::Idle;
    QString m_detail;
    QString m_samplePath;
    QDeadlineTimer m_retry;
    bool m_hasRetry = false;
    bool m_everLive = false;
    QLabel* m_text = nullptr;
    QPushButton* m_sample = nullptr;
    QPushButton* m_retryNow = nullptr;
    QTimer* m_tick = nullptr;
};

} // namespace wt::ui
