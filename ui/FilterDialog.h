#pragma once
// The filter dialog (GUI thread): bots/humans, namespaces, action types, wikis (include or
// exclude, '*' wildcards) and a minimum absolute size change.

#include <QDialog>

#include "EngineFilter.h"

class QCheckBox;
class QLineEdit;
class QSpinBox;

namespace wt::ui {

class FilterDialog : public QDialog {
    Q_OBJECT
public:
    explicit FilterDialog(QWidget* parent = nullptr);
    void setFilter(const analytics::Filter& filter);
    analytics::Filter filter() const;
    // "Bots off · ns 0, 14 · min ±100 B": what the toolbar shows next to the Filters button.
    static QString summary(const analytics::Filter& filter);

private:
    QCheckBox* m_bots = nullptr;
    QCheckBox* m_humans = nullptr;
    QLineEdit* m_namespaces = nullptr;
    QCheckBox* m_types[6] = {};
    QLineEdit* m_wikis = nullptr;
    QCheckBox* m_exclude = nullptr;
    QSpinBox* m_minDelta = nullptr;
};

} // namespace wt::ui
