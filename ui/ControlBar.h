#pragma once
// The toolbar (GUI thread): source, pause, lookback, refresh rate, top-N and filters. It only
// says what the user chose; MainWindow turns that into commands and remembers it.

#include <QToolBar>

class QAction;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace wt::ui {

class ControlBar : public QToolBar {
    Q_OBJECT
public:
    explicit ControlBar(QWidget* parent = nullptr);

    QAction* goLiveAction() const { return m_goLive; }
    QAction* openRecordingAction() const { return m_openRecording; }
    QAction* pauseAction() const { return m_pause; }
    QAction* filtersAction() const { return m_filters; }

    // Setters show a value without emitting (restoring settings).
    void setLookbackMs(qint64 ms);
    void setRefreshMs(int ms);
    void setTopN(int n);
    void setFilterSummary(const QString& text);
    qint64 lookbackMs() const;
    int refreshMs() const;
    int topN() const;

public slots:
    // The user's choices, callable from tests and menus: set and emit.
    void chooseLookbackMs(qint64 ms);
    void chooseRefreshMs(int ms);
    void chooseTopN(int n);

signals:
    void lookbackChosen(qint64 ms);
    void refreshChosen(int ms);
    void topNChosen(int n);

private:
    void onLookbackIndex(int index);
    qint64 lookbackMsAt(int index) const;

    QAction* m_goLive = nullptr;
    QAction* m_openRecording = nullptr;
    QAction* m_pause = nullptr;
    QAction* m_filters = nullptr;
    QComboBox* m_lookback = nullptr;
    QDoubleSpinBox* m_refresh = nullptr;
    QSpinBox* m_topN = nullptr;
    QLabel* m_filterSummary = nullptr;
    int m_lastLookbackIndex = 0;
};

} // namespace wt::ui
