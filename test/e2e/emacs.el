;;; The README's eglot recipe in batch Emacs: load it, open the files, wait for eglot's
;;; diagnostics, and write them with the buffers' modes and the server count as JSON.
;;; env: SHIPSHAPE_RECIPE (the README block), SHIPSHAPE_FILES (one per line), SHIPSHAPE_EXPECT
;;; (the files that must get diagnostics, one per line), SHIPSHAPE_OUT.
;; Debian's elpa-* packages are activated by package.el, which batch Emacs does not start.
(package-initialize)
(require 'eglot)
(require 'flymake)
(require 'json)
(load (getenv "SHIPSHAPE_RECIPE"))
(setq eglot-sync-connect t)

(defun shipshape-open (file)
  (let ((buffer (find-file-noselect file)))
    ;; eglot-ensure connects from post-command-hook, which batch Emacs never runs by itself.
    (with-current-buffer buffer (run-hooks 'post-command-hook))
    buffer))

(let* ((files (split-string (getenv "SHIPSHAPE_FILES") "\n" t))
       (buffers (mapcar #'shipshape-open files))
       (deadline (+ (float-time) 30))
       (expected (mapcar #'find-buffer-visiting (split-string (getenv "SHIPSHAPE_EXPECT") "\n" t)))
       (pending (lambda (b) (with-current-buffer b (null (flymake-diagnostics))))))
  (while (and (< (float-time) deadline) (cl-some pending expected))
    (accept-process-output nil 0.2)
    ;; Flymake waits for a window to show the buffer; batch Emacs has none, so start it by hand.
    (dolist (b buffers) (with-current-buffer b (when (bound-and-true-p flymake-mode) (flymake-start nil t)))))
  (let ((report
         (mapcar (lambda (b)
                   (with-current-buffer b
                     `((file . ,(buffer-file-name))
                       (mode . ,(symbol-name major-mode))
                       (managed . ,(if (bound-and-true-p eglot--managed-mode) t :json-false))
                       (messages . ,(vconcat (mapcar #'flymake-diagnostic-text (flymake-diagnostics)))))))
                 buffers)))
    (with-temp-file (getenv "SHIPSHAPE_OUT")
      (insert (json-encode `((files . ,(vconcat report))
                             (servers . ,(length (hash-table-values eglot--servers-by-project)))))))))
(kill-emacs 0)
