import { useQueryClient } from '@tanstack/react-query';
import { useId, useLayoutEffect, useRef, useState } from 'react';
import { LIMITS } from '../../../shared/limits';
import type { HouseholdWithPresence } from '../../../shared/types';
import { FormError } from '../../components/form-error';
import { ChevronDownIcon, ChevronUpIcon, PencilIcon, TrashIcon } from '../../components/icons';
import { NameForm } from '../../components/name-form';
import { describeError } from '../../lib/api-errors';
import { trpc } from '../../lib/trpc';
import { categoriesProblem, moveCategory } from './category-list';
import { categoriesScope, categorySavesPending } from './household-cache';

/** Where the focus goes once the list has re-rendered: which row, which of its buttons. */
interface FocusTarget {
  category: string;
  action: 'up' | 'down' | 'rename';
}
/** With no row left to go to, the focus goes to the field for a new one: it stays in the dialog. */
const NEW_CATEGORY = 'new-category';

/**
 * The household's categories in the order the list groups by: add, rename,
 * remove, and move up or down. Any member may arrange them; each change is
 * saved at once and reaches the others through `household:updated`.
 * Removing a category leaves its items under "Other" (they keep its name, so
 * adding it back brings them back); renaming one takes the items on the lists
 * with it.
 */
export function CategoryEditor({ household }: { household: HouseholdWithPresence }) {
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  const renameId = useId();
  const addId = useId();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState(0);
  const list = useRef<HTMLOListElement>(null);
  const focusNext = useRef<FocusTarget | typeof NEW_CATEGORY | null>(null);
  const householdId = household.id;
  const categories = household.categories;

  // Quick moves overlap: only the last one's answer (or failure) speaks for what is shown, not the steps after it.
  const lastPending = () => categorySavesPending(queryClient, householdId) === 1;
  const save = trpc.household.setCategories.useMutation({
    scope: categoriesScope(householdId),
    // Shown at once, so a keyboard user moving a category step by step sees each step.
    onMutate: ({ categories: next }) => {
      const before = utils.household.get.getData({ householdId })?.categories;
      utils.household.get.setData({ householdId }, (current) => current && { ...current, categories: next });
      return { before };
    },
    onError: (error, _input, context) => {
      const before = context?.before;
      if (before && lastPending()) utils.household.get.setData({ householdId }, (current) => current && { ...current, categories: before });
      setProblem(describeError(error));
    },
    onSuccess: (updated) => {
      if (lastPending()) utils.household.get.setData({ householdId }, (current) => current && { ...updated, online: current.online });
    },
  });

  // A moved row is re-inserted and a renamed one re-drawn, which takes the
  // focus with it: give it back to the same button, before the next key press can land on the page.
  useLayoutEffect(() => {
    const target = focusNext.current;
    if (!target || !list.current) return;
    focusNext.current = null;
    if (target === NEW_CATEGORY) {
      document.getElementById(addId)?.focus();
      return;
    }
    const buttons = [...list.current.querySelectorAll<HTMLButtonElement>('button[data-action]')].filter((button) => button.dataset.category === target.category);
    const preferred = buttons.find((button) => button.dataset.action === target.action && !button.disabled) ?? buttons.find((button) => !button.disabled);
    preferred?.focus();
  }, [categories, renaming, addId]);

  const change = (next: string[], focus: FocusTarget | typeof NEW_CATEGORY | null, renamed?: { from: string; to: string }): boolean => {
    const reason = categoriesProblem(next);
    setProblem(reason);
    if (reason) return false;
    focusNext.current = focus;
    // A rename takes the category's items with it, on the server, in the same change.
    save.mutate({ householdId, categories: next, ...(renamed ? { renamed } : {}) });
    return true;
  };

  const rename = (index: number, from: string, to: string) => {
    const next = categories.map((category, i) => (i === index ? to : category));
    if (change(next, { category: to, action: 'rename' }, { from, to })) setRenaming(null);
  };

  return (
    <section className="dialog__section stack">
      <h3 className="section-title">Categories</h3>
      <p className="muted">The list groups what is left to buy in this order: your way through the shop.</p>
      <ol className="categories" ref={list} aria-label="Categories, in shop order">
        {categories.map((category, index) =>
          renaming === category ? (
            <li key={category} className="categories__item">
              <NameForm
                className="categories__rename"
                label={
                  <label htmlFor={renameId} className="visually-hidden">
                    New name for {category}
                  </label>
                }
                inputId={renameId}
                current={category}
                maxLength={LIMITS.categoryName}
                autoFocus
                submitLabel="Rename"
                pending={save.isPending}
                onSave={(name) => rename(index, category, name)}
                onCancel={() => {
                  focusNext.current = { category, action: 'rename' };
                  setRenaming(null);
                }}
              />
            </li>
          ) : (
            <li key={category} className="categories__item">
              <span className="categories__name">{category}</span>
              <span className="categories__actions">
                {(['up', 'down'] as const).map((direction) => {
                  const step = direction === 'up' ? -1 : 1;
                  return (
                    <button
                      key={direction}
                      type="button"
                      className="icon-button"
                      aria-label={`Move ${category} ${direction}`}
                      data-category={category}
                      data-action={direction}
                      disabled={categories[index + step] === undefined}
                      onClick={() => change(moveCategory(categories, index, step), { category, action: direction })}
                    >
                      {direction === 'up' ? <ChevronUpIcon /> : <ChevronDownIcon />}
                    </button>
                  );
                })}
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Rename ${category}`}
                  data-category={category}
                  data-action="rename"
                  onClick={() => setRenaming(category)}
                >
                  <PencilIcon />
                </button>
                <button
                  type="button"
                  className="icon-button icon-button--danger"
                  aria-label={`Remove ${category}`}
                  onClick={() => {
                    const next = categories.filter((_, i) => i !== index);
                    // The row goes: the focus moves on to the row that takes its place.
                    const neighbour = next[index] ?? next[index - 1];
                    change(next, neighbour ? { category: neighbour, action: 'rename' } : NEW_CATEGORY);
                  }}
                >
                  <TrashIcon />
                </button>
              </span>
            </li>
          ),
        )}
      </ol>
      <NameForm
        key={added}
        className="stack stack--tight"
        label={<label htmlFor={addId}>New category</label>}
        inputId={addId}
        maxLength={LIMITS.categoryName}
        placeholder="e.g. Spices"
        autoFocus={added > 0}
        submitLabel="Add"
        pending={save.isPending}
        onSave={(name) => {
          if (change([...categories, name], null)) setAdded((count) => count + 1);
        }}
      />
      <FormError message={problem} />
    </section>
  );
}
