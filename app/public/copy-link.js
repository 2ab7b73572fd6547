// Copy buttons for the one-time links shown to staff: <button data-copy="ID" hidden> copies
// the value of the input with that id. Without JavaScript the buttons stay hidden and the
// link can be selected in its read-only field.
for (const button of document.querySelectorAll('button[data-copy]')) {
  button.hidden = false;
  button.addEventListener('click', () => {
    const input = document.getElementById(button.dataset.copy);
    if (!input) return;
    input.select();
    if (navigator.clipboard) {
      navigator.clipboard.writeText(input.value).catch(() => {});
    }
  });
}
