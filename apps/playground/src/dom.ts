/** The two DOM helpers of every panel, so the page needs no framework. */

/** An element with attributes (empty values left out) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string>, children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== '') node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** The page's element `#id`, which the page must have. */
export function find<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page lacks #${id}`);
  return element as T;
}
