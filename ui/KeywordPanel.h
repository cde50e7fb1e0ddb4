#pragma once
// The keyword monitor (GUI thread): add, edit and remove keywords (regular expressions allowed,
// a bad one is refused inline with the reason), hit counts per keyword, and recent hits.

#include <QStringList>
#include <QUrl>
#include <QWidget>

#include "analytics/DashboardSnapshot.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTableWidget;
class QTableWidgetItem;

namespace wt::ui {

class KeywordHitModel;

class KeywordPanel : public QWidget {
    Q_OBJECT
public:
    explicit KeywordPanel(QWidget* parent = nullptr);

    QStringList keywords() const { return m_keywords; }
    void setKeywords(const QStringList& keywords); // no signal: used when restoring settings
    void showSnapshot(const analytics::DashboardSnapshot& snapshot);
    // Empty when the pattern is acceptable, else a sentence saying why not.
    static QString validate(const QString& pattern);
    QString errorText() const;
    KeywordHitModel* hitModel() const { return m_hitModel; }

public slots:
    // Returns false (and shows why) when the pattern is refused.
    bool addKeyword(const QString& pattern);
    bool editKeyword(int row, const QString& pattern);
    void removeKeyword(int row);
    void showRejected(const QString& pattern, const QString& error); // the engine said no

signals:
    void keywordsChanged(const QStringList& keywords);
    void openUrlRequested(const QUrl& url);

private:
    void showError(const QString& text);
    void rebuildList();
    void onItemChanged(QTableWidgetItem* item);

    QStringList m_keywords;
    QLineEdit* m_input = nullptr;
    QPushButton* m_remove = nullptr;
    QLabel* m_error = nullptr;
    QTableWidget* m_list = nullptr;
    QTableView* m_hits = nullptr;
    KeywordHitModel* m_hitModel = nullptr;
    bool m_rebuilding = false;
};

} // namespace wt::ui
